import { theilSen } from './theil-sen.ts';
import type { ResourceUsage } from './load-details.ts';

/** How the RSS floor of a target moved over a measured load, after its settle period. */
export interface MemoryTrend {
  /** The judged part of the load, in seconds since it began: from the end of the settle period to the last sample. */
  fromSecond: number;
  toSecond: number;
  /** Windows whose floors were fitted. */
  windows: number;
  /** Growth of the floor in MB per minute (Theil-Sen over the windows' floors), with its interval. */
  mbPerMinute: number;
  low: number;
  high: number;
  confidence: number;
  /** The same over the last half of the windows: whether memory was still growing at the end. */
  lateMbPerMinute: number;
  /** The fitted floor where the judged part begins and ends. */
  floorStartMb: number;
  floorEndMb: number;
}

/** Why a load's memory could not be judged. */
export interface UnjudgedMemory {
  reason: string;
}

/** The shortest judged part that tells a trend from a few collections. */
export const MIN_JUDGED_SECONDS = 6;
const MIN_WINDOWS = 6;
const MAX_WINDOWS = 20;
const SAMPLES_PER_WINDOW = 3;
/** A window long enough to hold a few collections, where the span allows. */
const WINDOW_SECONDS = 5;

/** The settle period when the gate names none: a quarter of the load, at most 30 s (heap sizing, JIT, pools filling). */
export const defaultSettleSeconds = (durationSeconds: number): number => Math.min(30, durationSeconds / 4);

/**
 * The trend of a garbage-collected process's resident memory. RSS saw-tooths: it climbs with
 * allocation and drops at each collection, so a line through raw samples follows wherever the
 * last collection happened to fall. After `settleSeconds` (a young process sizes its heap), the
 * judged part is cut into windows of several samples, and each window's minimum stands for the
 * floor memory returns to after a collection; a Theil-Sen line through the floors gives the
 * growth with an interval, robust to a window whose collection came late. The last half's own
 * slope tells a floor still rising at the end (a leak) from one that rose and levelled off (a
 * cache or a pool filling up).
 */
export function memoryTrend(
  samples: ResourceUsage['samples'],
  settleSeconds: number,
  confidence: number,
): MemoryTrend | UnjudgedMemory {
  const judged = samples.filter((sample) => sample.second >= settleSeconds);
  const last = judged[judged.length - 1];
  const span = last ? last.second - settleSeconds : 0;
  const tooShort = `memory growth not judged: ${judged.length} samples over ${span.toFixed(1)} s after the settle period of ${settleSeconds.toFixed(1)} s; at least ${MIN_JUDGED_SECONDS} s and ${MIN_WINDOWS * SAMPLES_PER_WINDOW} samples are needed`;
  if (!last || span < MIN_JUDGED_SECONDS) return { reason: tooShort };
  const count = Math.min(
    MAX_WINDOWS,
    Math.max(MIN_WINDOWS, Math.floor(span / WINDOW_SECONDS)),
    Math.floor(judged.length / SAMPLES_PER_WINDOW),
  );
  if (count < MIN_WINDOWS) return { reason: tooShort };

  const floors = Array.from({ length: count }, () => Infinity);
  for (const sample of judged) {
    const index = Math.min(count - 1, Math.floor(((sample.second - settleSeconds) / span) * count));
    floors[index] = Math.min(floors[index]!, sample.rssMb);
  }
  // Window middles in minutes, so that the slope reads in MB per minute; an empty window (a stalled sampler) is left out.
  const minutes: number[] = [];
  const mb: number[] = [];
  floors.forEach((floor, index) => {
    if (!Number.isFinite(floor)) return;
    minutes.push((settleSeconds + ((index + 0.5) * span) / count) / 60);
    mb.push(floor);
  });
  const overall = theilSen(minutes, mb, confidence);
  const half = Math.ceil(minutes.length / 2);
  const late = theilSen(minutes.slice(-half), mb.slice(-half), confidence);
  if (!overall || !late || minutes.length < MIN_WINDOWS) return { reason: tooShort };
  const at = (second: number): number => overall.intercept + (overall.slope * second) / 60;
  return {
    fromSecond: settleSeconds,
    toSecond: last.second,
    windows: minutes.length,
    mbPerMinute: overall.slope,
    low: overall.low,
    high: overall.high,
    confidence,
    lateMbPerMinute: late.slope,
    floorStartMb: at(settleSeconds),
    floorEndMb: at(last.second),
  };
}

export const isJudged = (trend: MemoryTrend | UnjudgedMemory): trend is MemoryTrend => !('reason' in trend);
