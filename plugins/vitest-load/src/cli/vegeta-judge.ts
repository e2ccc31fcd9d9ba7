import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findBaselineEntry, readBaselineFile } from '../baseline/store.ts';
import { vegetaBinary } from '../load/vegeta/vegeta-binary.ts';
import { mergeVegetaResults } from '../load/vegeta/vegeta-results.ts';
import { Measurement } from '../measure/measurement.ts';
import { judgeMergedLoad } from './merged-load-verdict.ts';

export const vegetaUsage =
  'usage: vitest-load vegeta judge <results files...> --baseline FILE --scenario NAME --target NAME [--max-p95-increase 10%] [--max-error-rate 0%]';

/** "10%" or "0.1" as a fraction; undefined for anything else. */
function fraction(value: string): number | undefined {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  const number = percent ? Number(percent[1]) / 100 : Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * `vitest-load vegeta judge`: N attackers' results files merged request by request into one
 * histogram and judged against a suite's baseline entry. Exit code 0 passes, 1 fails, 2 is a
 * mistake in the command.
 */
export async function vegetaJudge(args: string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      scenario: { type: 'string' },
      target: { type: 'string' },
      'max-p95-increase': { type: 'string', default: '10%' },
      'max-error-rate': { type: 'string', default: '0%' },
    },
  });
  const [subcommand, ...files] = positionals;
  const maxP95Increase = fraction(values['max-p95-increase']);
  const maxErrorRate = fraction(values['max-error-rate']);
  const missing = (['baseline', 'scenario', 'target'] as const).filter((name) => !values[name]);
  const mistake =
    subcommand !== 'judge'
      ? `unknown vegeta command "${subcommand ?? ''}"`
      : files.length === 0
        ? 'name at least one results file'
        : missing.length > 0
          ? `give ${missing.map((name) => `--${name}`).join(', ')}`
          : maxP95Increase === undefined
            ? `--max-p95-increase must be a share like "10%", got "${values['max-p95-increase']}"`
            : maxErrorRate === undefined
              ? `--max-error-rate must be a share like "1%", got "${values['max-error-rate']}"`
              : undefined;
  if (mistake) {
    log(`${mistake}\n${vegetaUsage}`);
    return 2;
  }
  const baselineFile = resolve(values.baseline!);
  const file = await readBaselineFile(baselineFile);
  const baseline = findBaselineEntry(file, values.scenario!, values.target!);
  if (!baseline) {
    log(
      file
        ? `${baselineFile} has no baseline for scenario "${values.scenario}" on target "${values.target}"`
        : `--baseline: there is no baseline file ${baselineFile}`,
    );
    return 2;
  }
  const binary = await vegetaBinary({ env: process.env, root: process.cwd() });
  const measurement = new Measurement([{ name: 'all', isExpectedStatus: (status) => status >= 200 && status < 300 }]);
  try {
    const outcome = await mergeVegetaResults(binary, files, measurement);
    const verdict = judgeMergedLoad({
      label: `${values.scenario} × ${values.target}`,
      result: measurement.summarize(outcome),
      files: files.length,
      baseline,
      baselineFile: values.baseline!,
      maxP95Increase: maxP95Increase!,
      maxErrorRate: maxErrorRate!,
    });
    for (const line of verdict.lines) log(line);
    return verdict.failed ? 1 : 0;
  } finally {
    measurement.destroy();
  }
}
