import { environmentDifferences } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { VerdictInput } from './verdict-input.ts';

/** True when the comparison is a stored baseline that cannot judge this result (another machine or load). */
export const incomparableWith = (input: VerdictInput): boolean =>
  input.comparison?.against === 'baseline' && incomparability(input, input.comparison.entry) !== undefined;

/** Why a stored baseline cannot judge this result, if it cannot: another environment (unless allowed) or another load. */
export function incomparability(input: VerdictInput, entry: BaselineEntry): string | undefined {
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
  return reasons.length > 0 ? reasons.join('; ') : undefined;
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
