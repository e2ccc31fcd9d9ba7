/**
 * Escaping for the three contexts the report writes into: HTML text and attributes, JSON inside
 * a `<script>` element, and a library's source inside a `<script>` element.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a quoted attribute value: scenario names and finding messages are user text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);
}

/**
 * JSON that can sit inside `<script type="application/json">`. A scenario named
 * `</script><script>…` would otherwise end the element and run as code; `<` written as `\u003c`
 * is still the same string to `JSON.parse`. U+2028/U+2029 are escaped as well, since some
 * parsers treat them as line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/**
 * A script's source inlined as it is. The HTML parser ends a script element at the first
 * `</script`, whatever the JavaScript around it; written `<\/script` it is the same text inside
 * a string, a regular expression or a comment, the only places it can occur in working code.
 */
export function inlineScriptSource(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
