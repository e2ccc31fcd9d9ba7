import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineScriptSource, jsonForScript } from './escape.ts';

describe('escaping for the report', () => {
  it('writes user text as inert HTML', () => {
    expect(escapeHtml(`<b class="x">Tom & Jerry's</b>`)).toBe(
      '&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;',
    );
  });

  it('writes JSON that holds no tag yet parses back to the same value', () => {
    const value = { name: '</script><!-- \u2028 \u2029 & >' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('keeps a closing script tag inside inlined code from ending the element', () => {
    const source = 'const end = "</script>"; const re = /<\\/SCRIPT>/;';
    const inlined = inlineScriptSource(source);
    expect(inlined).not.toMatch(/<\/script/i);
    expect(new Function(`${inlined}; return end;`)()).toBe('</script>');
  });
});
