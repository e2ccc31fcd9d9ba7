/** Fitting lines of Markdown into a number of characters, saying what was left out. */

/** The characters `lines` take once joined with newlines (one per line, the last included). */
export const sizeOf = (lines: string[]): number => lines.reduce((sum, line) => sum + line.length + 1, 0);

/**
 * The first of `lines` that fit in `budget` characters and, when some do not, a last line from
 * `leftOut` saying how many, which fits too. Nothing when not even that line fits.
 */
export function fitLines(lines: string[], budget: number, leftOut: (count: number) => string): string[] {
  if (sizeOf(lines) <= budget) return lines;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const note = leftOut(lines.length - kept.length - 1);
    if (used + line.length + 1 + note.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  const note = leftOut(lines.length - kept.length);
  return used + note.length + 1 <= budget ? [...kept, note] : [];
}
