import { defaultSettleSeconds, isJudged, memoryTrend, type MemoryTrend } from '../measure/memory-trend.ts';
import type { ResourceUsage } from '../measure/load-details.ts';

/** `gate.leak` as parsed: the limit on growth, the least growth that counts, the settle period. */
export interface LeakGate {
  maxGrowthMbPerMinute: number;
  minGrowthMb: number;
  /** Seconds at the start of a measured load left out; default: a quarter of it, at most 30 s. */
  settle?: number | undefined;
}

/**
 * - `leak`: the floor grew significantly, faster than the limit, by at least `minGrowthMb`, and
 *   was still growing faster than the limit over the last half: the test fails.
 * - `levelled`: it grew like that but the last half stayed within the limit (a cache or a pool
 *   filling up, then full).
 * - `flat`: within the limit, or a rise the interval cannot tell from none.
 * - `unjudged`: no round was long enough to tell.
 */
export type MemoryOutcome = 'leak' | 'levelled' | 'flat' | 'unjudged';

export interface MemoryVerdict {
  outcome: MemoryOutcome;
  /** The round the message cites: the median growth among the leaking rounds, else among all judged ones. */
  trend?: MemoryTrend;
  /** Each round's trend in order; null where the round was too short to judge. */
  rounds: Array<MemoryTrend | null>;
  /** Rounds in which the floor leaked. */
  leakingRounds: number;
  rule: { maxGrowthMbPerMinute: number; minGrowthMb: number; settleSeconds: number };
  /** What was found, without the scenario and target. */
  message: string;
}

const mb = (value: number): string => `${Math.round(value)} MB`;
const rate = (value: number): string => `${value.toFixed(Math.abs(value) < 10 ? 1 : 0)} MB/min`;
const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${rate(Math.abs(value))}`;

function roundOutcome(trend: MemoryTrend, gate: LeakGate): Exclude<MemoryOutcome, 'unjudged'> {
  const grew =
    trend.low > 0 &&
    trend.mbPerMinute > gate.maxGrowthMbPerMinute &&
    trend.floorEndMb - trend.floorStartMb >= gate.minGrowthMb;
  if (!grew) return 'flat';
  return trend.lateMbPerMinute > gate.maxGrowthMbPerMinute ? 'leak' : 'levelled';
}

const byGrowth = (a: MemoryTrend, b: MemoryTrend): number => a.mbPerMinute - b.mbPerMinute;
const middle = (trends: MemoryTrend[]): MemoryTrend | undefined =>
  [...trends].sort(byGrowth)[Math.floor(trends.length / 2)];

/**
 * Judges the target's memory over each round's measured load (each round a freshly started
 * target): a leak when at least half of the judged rounds leaked, so that one unlucky round
 * among several does not fail a test while a real leak, which shows in every round, does.
 */
export function judgeMemory(
  roundSamples: Array<ResourceUsage['samples'] | undefined>,
  durationSeconds: number,
  gate: LeakGate,
  confidence: number,
): MemoryVerdict {
  const settleSeconds = gate.settle ?? defaultSettleSeconds(durationSeconds);
  const rule = { maxGrowthMbPerMinute: gate.maxGrowthMbPerMinute, minGrowthMb: gate.minGrowthMb, settleSeconds };
  const analysed = roundSamples.map((samples) =>
    samples
      ? memoryTrend(samples, settleSeconds, confidence)
      : { reason: "memory growth not judged: the target's memory could not be read (/proc)" },
  );
  const rounds = analysed.map((trend) => (isJudged(trend) ? trend : null));
  const judged = rounds.filter((trend): trend is MemoryTrend => trend !== null);
  if (judged.length === 0) {
    const reason = analysed.find((trend) => !isJudged(trend));
    return {
      outcome: 'unjudged',
      rounds,
      leakingRounds: 0,
      rule,
      message: reason && !isJudged(reason) ? reason.reason : 'memory growth not judged',
    };
  }
  const outcomes = judged.map((trend) => roundOutcome(trend, gate));
  const leaking = judged.filter((_, index) => outcomes[index] === 'leak');
  const levelled = judged.filter((_, index) => outcomes[index] === 'levelled');
  const outcome: MemoryOutcome =
    leaking.length * 2 >= judged.length
      ? 'leak'
      : levelled.length + leaking.length > judged.length / 2
        ? 'levelled'
        : 'flat';
  const trend = middle(
    outcome === 'leak' ? leaking : outcome === 'levelled' && levelled.length > 0 ? levelled : judged,
  )!;
  const seconds = trend.toSecond - trend.fromSecond;
  const span = seconds < 120 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
  const interval = `${Math.round(trend.confidence * 100)}% CI ${signed(trend.low)} … ${signed(trend.high)}`;
  const floor = `floor ${mb(trend.floorStartMb)} → ${mb(trend.floorEndMb)} over ${span}`;
  const limit = `limit ${rate(gate.maxGrowthMbPerMinute)}`;
  const inRounds =
    judged.length > 1
      ? `, in ${outcome === 'leak' ? leaking.length : levelled.length + leaking.length} of ${judged.length} rounds`
      : '';
  const message =
    outcome === 'leak'
      ? `memory grew ${rate(trend.mbPerMinute)} (${floor}; ${interval}) and was still growing ${rate(trend.lateMbPerMinute)} at the end${inRounds}; ${limit}`
      : outcome === 'levelled'
        ? `memory rose ${rate(trend.mbPerMinute)} (${floor}) but levelled off (${signed(trend.lateMbPerMinute)} over the last half)${inRounds}: filling up, not leaking; ${limit}`
        : `memory floor ${signed(trend.mbPerMinute)} (${floor}; ${interval}): no leak; ${limit}, at least ${mb(gate.minGrowthMb)} of growth`;
  return { outcome, trend, rounds, leakingRounds: leaking.length, rule, message };
}
