import type { ChangeInterval } from './change-interval.ts';

/** What a change is judged against: the change worth failing on, and what this machine's noise can produce. */
export interface ChangeRule {
  /** A rise this large must fail (0.1 = +10%). */
  threshold: number;
  /** A rise this small is taken for noise and never fails. */
  noiseFloor: number;
}

export type ChangeOutcome = 'pass' | 'improved' | 'regressed' | 'inconclusive';

/**
 * Three outcomes from where the interval lies, as a sequential test between "no change worth
 * the name" (at most the noise floor) and "a regression worth failing" (at least the threshold):
 *
 * - pass: the whole interval is below the threshold, so a regression that large is ruled out;
 *   improved when it is also wholly below minus the noise floor;
 * - regressed: the whole interval is above the noise floor, so the rise is real, and it may
 *   reach the threshold (it is not wholly below it);
 * - inconclusive: the interval spans both, so more rounds are needed to tell.
 *
 * Between floor and threshold either answer is acceptable; that zone is what lets the gate
 * catch a rise of the threshold's size most of the time without crying wolf on noise.
 */
export function decideChange(interval: ChangeInterval | undefined, rule: ChangeRule): ChangeOutcome {
  if (!interval) return 'inconclusive';
  if (interval.high < rule.threshold) return interval.high < -rule.noiseFloor ? 'improved' : 'pass';
  if (interval.low > rule.noiseFloor) return 'regressed';
  return 'inconclusive';
}
