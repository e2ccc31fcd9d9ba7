import { environmentDifferences, type MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { FindingCause } from './findings.ts';
import type { VerdictInput } from './verdict-input.ts';

/** True when the comparison is a stored baseline that cannot judge this result (another machine or load). */
export const incomparableWith = (input: VerdictInput): boolean =>
  input.comparison?.against === 'baseline' && incomparability(input, input.comparison.entry) !== undefined;

/** Why a stored baseline cannot judge a result, in full, and the cause it shares with other results. */
export interface Incomparability {
  reason: string;
  cause: FindingCause;
}

/** Why a stored baseline cannot judge this result, if it cannot: another environment (unless allowed) or another load. */
export function incomparability(input: VerdictInput, entry: BaselineEntry): Incomparability | undefined {
  const differences = input.compareAcrossEnvironments
    ? []
    : environmentDifferences(input.environment, entry.environment);
  const loadChanges = loadDifferences(input.load, entry.load);
  const reasons = [
    ...(differences.length > 0
      ? [
          `the baseline was measured in another environment (${differences.join('; ')}); re-record it here (-u), or allow the comparison with VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1`,
        ]
      : []),
    ...(loadChanges.length > 0 ? [`the baseline was measured with another load (${loadChanges.join('; ')})`] : []),
  ];
  if (reasons.length === 0) return undefined;
  const cause =
    differences.length > 0
      ? environmentCause(input.environment, entry.environment, differences, input.recordCommand)
      : {
          id: `load: ${loadChanges.join('; ')}`,
          short: 'not judged (load changed)',
          summary: `not judged: the baselines were measured with another load (${loadChanges.join('; ')}); \`${input.recordCommand}\` records them with this one`,
        };
  return { reason: reasons.join('; '), cause };
}

/** "the baselines come from Intel Xeon, this is AMD EPYC": the machine first, as a reader tells them apart. */
function environmentCause(
  now: MeasurementEnvironment,
  before: MeasurementEnvironment,
  differences: string[],
  recordCommand: string,
): FindingCause {
  const others = differences.filter((difference) => !difference.startsWith('cpuModel:'));
  const where =
    now.cpuModel === before.cpuModel
      ? `the baselines were measured in another environment (${differences.join('; ')})`
      : `the baselines come from ${before.cpuModel}, this is ${now.cpuModel}${others.length > 0 ? ` (${others.join('; ')})` : ''}`;
  return {
    id: `environment: ${differences.join('; ')}`,
    short: 'not judged (environment)',
    summary: `not judged: ${where}; \`${recordCommand}\` records yours (or VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1 compares across them)`,
  };
}

function loadDifferences(now: BaselineEntry['load'], before: BaselineEntry['load']): string[] {
  const fields: Array<keyof BaselineEntry['load']> = [
    'connections',
    'warmupSeconds',
    'durationSeconds',
    'stages',
    'faults',
  ];
  const shown = (value: unknown): string =>
    value === undefined ? 'none' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return fields
    .filter((field) => shown(now[field]) !== shown(before[field]))
    .map((field) => `${field}: ${shown(before[field])} → ${shown(now[field])}`);
}
