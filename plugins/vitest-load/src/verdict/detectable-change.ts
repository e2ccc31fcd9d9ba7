import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { ChangeInterval } from './change-interval.ts';

/** How often a rise of the detectable size is called regressed: the customary 80%. */
export const DETECTION_POWER = 0.8;

/**
 * The smallest true rise that the rule (regressed when the whole interval is above the noise
 * floor) would call regressed DETECTION_POWER of the time, given the spread this interval was
 * built from: floor + the interval's half-width + the power's share of one standard error, on
 * logarithms as the interval is. What a run "could have seen": a pass with a detectable change
 * of 30% says little about a 10% regression.
 */
export function detectableChange(interval: ChangeInterval, noiseFloor: number, power = DETECTION_POWER): number {
  const halfWidth = (Math.log1p(interval.high) - Math.log1p(interval.low)) / 2;
  const tConfidence = tQuantile(1 - (1 - interval.confidence) / 2, interval.freedom);
  const tPower = tQuantile(power, interval.freedom);
  return Math.expm1(Math.log1p(noiseFloor) + halfWidth * (1 + tPower / tConfidence));
}
