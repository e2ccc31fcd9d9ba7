import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * A relative change between two sets of rounds (0.1 = head is 10% above base) with its
 * confidence interval. Computed on logarithms: latency is skewed and a ratio is what a
 * threshold speaks of, so "+10%" and "-9.1%" are the same distance from no change.
 */
export interface ChangeInterval {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  baseRounds: number;
  headRounds: number;
  /** Paired: round i of head was measured right beside round i of base (same-job A/B). */
  paired: boolean;
  /** Degrees of freedom of the t quantile the interval was built with: what the detectable change needs. */
  freedom: number;
}

/**
 * Head against base where round i of each was measured side by side, in the same job: the
 * interval comes from the per-pair log ratios, so drift of the machine between pairs cancels
 * out. Undefined with fewer than two pairs (no spread to judge by).
 */
export function pairedChangeInterval(base: number[], head: number[], confidence: number): ChangeInterval | undefined {
  const pairs = Math.min(base.length, head.length);
  if (pairs < 2) return undefined;
  const differences = Array.from({ length: pairs }, (_, index) => Math.log(head[index]!) - Math.log(base[index]!));
  const { mean, variance } = meanAndVariance(differences);
  const halfWidth = tQuantile(1 - (1 - confidence) / 2, pairs - 1) * Math.sqrt(variance / pairs);
  return fromLogInterval(mean, halfWidth, {
    confidence,
    baseRounds: pairs,
    headRounds: pairs,
    paired: true,
    freedom: pairs - 1,
  });
}

/**
 * Head against base measured at different times (a stored baseline): Welch's interval on the
 * log values. With one round on one side, that side is taken to spread as the other does.
 * Undefined when neither side has two rounds.
 */
export function independentChangeInterval(
  base: number[],
  head: number[],
  confidence: number,
): ChangeInterval | undefined {
  if (base.length === 0 || head.length === 0 || (base.length < 2 && head.length < 2)) return undefined;
  const logBase = meanAndVariance(base.map(Math.log));
  const logHead = meanAndVariance(head.map(Math.log));
  const varianceBase = base.length > 1 ? logBase.variance : logHead.variance;
  const varianceHead = head.length > 1 ? logHead.variance : logBase.variance;
  const perBase = varianceBase / base.length;
  const perHead = varianceHead / head.length;
  const standardError = Math.sqrt(perBase + perHead);
  const freedom = welchFreedom(perBase, perHead, base.length, head.length);
  const halfWidth = standardError === 0 ? 0 : tQuantile(1 - (1 - confidence) / 2, freedom) * standardError;
  return fromLogInterval(logHead.mean - logBase.mean, halfWidth, {
    confidence,
    baseRounds: base.length,
    headRounds: head.length,
    paired: false,
    freedom,
  });
}

/** Welch–Satterthwaite degrees of freedom; a side of one round lends the other's. */
function welchFreedom(perBase: number, perHead: number, nBase: number, nHead: number): number {
  if (nBase < 2) return nHead - 1;
  if (nHead < 2) return nBase - 1;
  const denominator = perBase ** 2 / (nBase - 1) + perHead ** 2 / (nHead - 1);
  return denominator === 0 ? nBase + nHead - 2 : (perBase + perHead) ** 2 / denominator;
}

function fromLogInterval(
  logMean: number,
  halfWidth: number,
  rest: Omit<ChangeInterval, 'estimate' | 'low' | 'high'>,
): ChangeInterval {
  return {
    estimate: Math.expm1(logMean),
    low: Math.expm1(logMean - halfWidth),
    high: Math.expm1(logMean + halfWidth),
    ...rest,
  };
}

function meanAndVariance(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance =
    values.length < 2 ? 0 : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}
