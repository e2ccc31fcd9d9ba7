import { join, relative } from 'node:path';

/** `bench/basic/01-health.load.ts` → `<baselineDir>/basic/01-health.json` (the suite's own folder layout, minus `bench/`). */
export function baselinePathFor(suiteFile: string, root: string, baselineDir: string): string {
  const fromRoot = relative(root, suiteFile).split('\\').join('/');
  const withoutBenchFolder = fromRoot.replace(/^bench\//, '');
  const stem = withoutBenchFolder.replace(/(\.load)?\.[cm]?[jt]s$/, '');
  return join(baselineDir, `${stem}.json`);
}
