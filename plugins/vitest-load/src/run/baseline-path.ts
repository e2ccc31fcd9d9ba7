import { join, relative } from 'node:path';

/** `<suitesDir>/basic/01-health.load.ts` → `<baselineDir>/basic/01-health.json`: the suites' own folder layout. */
export function baselinePathFor(suiteFile: string, suitesDir: string, baselineDir: string): string {
  const fromSuites = relative(suitesDir, suiteFile).split('\\').join('/');
  const stem = fromSuites.replace(/(\.load)?\.[cm]?[jt]s$/, '');
  return join(baselineDir, `${stem}.json`);
}
