/**
 * The x axis of a latency percentile curve: x = log10(1 / (1 - p)). Every "nine" gets the same
 * width (p90 at 1, p99 at 2, p99.9 at 3), so the tail, where regressions hide, is not squeezed
 * against the right edge as it is on a linear axis.
 */
export interface PercentileAxis {
  /** Where a percentile (0 to 100) sits on the axis. */
  position: (percentile: number) => number;
  ticks: Array<{ value: number; label: string }>;
  max: number;
}

const TICK_PERCENTILES = [0, 50, 90, 95, 99, 99.9, 99.99, 99.999];
const EPSILON = 1e-9;

const finitePosition = (percentile: number): number => Math.log10(100 / (100 - percentile));

/**
 * An axis for the given percentiles. The 100th percentile (the maximum) is infinitely far out
 * on this scale, so it is drawn one "nine" past the last finite percentile and labelled `max`.
 */
export function percentileAxis(percentiles: number[]): PercentileAxis {
  const finite = percentiles.filter((percentile) => percentile < 100);
  const lastFinite = Math.max(0, ...finite.map(finitePosition));
  const hasMax = percentiles.some((percentile) => percentile >= 100);
  const maxPosition = Math.floor(lastFinite + EPSILON) + 1;
  const ticks = TICK_PERCENTILES.map((percentile) => ({
    value: finitePosition(percentile),
    label: percentile === 0 ? 'min' : `p${percentile}`,
  })).filter((tick) => tick.value <= lastFinite + EPSILON);
  return {
    position: (percentile) => (percentile >= 100 ? maxPosition : finitePosition(percentile)),
    ticks: hasMax ? [...ticks, { value: maxPosition, label: 'max' }] : ticks,
    max: hasMax ? maxPosition : lastFinite,
  };
}
