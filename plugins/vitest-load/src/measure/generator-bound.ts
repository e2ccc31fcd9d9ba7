import { formatShare } from '../format/format.ts';
import type { CpuShares } from './load-result.ts';

/**
 * At or above this share of what it may use, the generator was the limit whatever the target
 * did: it had no time left to send more. Not 100%: the Vitest process shares its core, and the
 * window includes the load's first and last moments, when it waits: at its ceiling the
 * generator measured 94% and 97% of its core (docs/load-generator-ceiling.md).
 */
export const GENERATOR_SATURATED = 0.9;

/** Near its limit: from here the generator's own queue of callbacks delays what it sends and times. */
export const GENERATOR_NEAR_LIMIT = 0.8;

/**
 * A target that used less than half of one core over the load was waiting most of the time:
 * no thread of it, and no core it has, was saturated. In cores, not as a share of its cores,
 * so that a single-threaded server saturated on one of seven cores does not count as idle.
 */
export const TARGET_IDLE_CORES = 0.5;

/**
 * The open model's generator is behind its schedule when this share of its requests went out
 * late: a pause (a GC, a burst of responses after a stall) delays a handful, a generator that
 * cannot keep the rate delays ever more of them, as its lag only grows.
 */
export const LATE_SENDS_BOUND = 0.1;

/**
 * Whether the generator, not the target, capped a result: its CPU share at or above
 * GENERATOR_SATURATED, or near its limit while the target was mostly idle. Conservative on
 * purpose: a route that waits on its database leaves the target idle too, but it does not keep
 * the generator near its limit (its throughput is far below the generator's), so it is not
 * marked; a false mark there would hide a real figure behind a doubt. The open model polls
 * before each send, so its CPU share counts waiting as work: it is judged by its late sends
 * instead.
 */
export function isGeneratorBound(
  shares: Pick<CpuShares, 'generator' | 'target' | 'targetCores' | 'lateSends'>,
): boolean {
  if (shares.lateSends !== undefined) return shares.lateSends >= LATE_SENDS_BOUND;
  if (shares.generator >= GENERATOR_SATURATED) return true;
  if (shares.generator < GENERATOR_NEAR_LIMIT || shares.target === undefined) return false;
  return shares.target * shares.targetCores < TARGET_IDLE_CORES;
}

/** A window's CPU seconds as shares of the cores each side may use, judged by the rule above. */
export function cpuSharesOf(window: {
  seconds: number;
  generatorCpuSeconds: number;
  generatorCores: number;
  targetCpuSeconds?: number;
  targetCores: number;
  /** Open model only: the requests it sent (and dropped), and how many of them late. */
  sends?: { sent: number; late: number };
}): CpuShares | undefined {
  if (!(window.seconds > 0)) return undefined;
  const share = (cpuSeconds: number, cores: number): number => Math.max(0, cpuSeconds) / window.seconds / cores;
  const figures = {
    generator: share(window.generatorCpuSeconds, window.generatorCores),
    generatorCores: window.generatorCores,
    ...(window.targetCpuSeconds === undefined ? {} : { target: share(window.targetCpuSeconds, window.targetCores) }),
    targetCores: window.targetCores,
    ...(window.sends && window.sends.sent > 0 ? { lateSends: window.sends.late / window.sends.sent } : {}),
  };
  return { ...figures, generatorBound: isGeneratorBound(figures) };
}

/**
 * Rounds' shares as one: the mean of each (rounds are equally long), judged again by the rule.
 * The target's is the mean over the rounds that could count it.
 */
export function pooledCpuShares(rounds: Array<CpuShares | undefined>): CpuShares | undefined {
  const known = rounds.filter((round): round is CpuShares => round !== undefined);
  if (known.length === 0) return undefined;
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const targets = known.flatMap((round) => (round.target === undefined ? [] : [round.target]));
  const late = known.flatMap((round) => (round.lateSends === undefined ? [] : [round.lateSends]));
  const figures = {
    generator: mean(known.map((round) => round.generator)),
    generatorCores: known[0]!.generatorCores,
    ...(targets.length === 0 ? {} : { target: mean(targets) }),
    targetCores: known[0]!.targetCores,
    ...(late.length === 0 ? {} : { lateSends: mean(late) }),
  };
  return { ...figures, generatorBound: isGeneratorBound(figures) };
}

const ofCores = (cores: number): string => (cores === 1 ? 'its core' : `its ${cores} cores`);

/** "load generator at 97% of its core, target at 41%": the two shares as every report says them. */
export function describeCpuShares(shares: CpuShares): string {
  const target =
    shares.target === undefined
      ? "target's CPU not known"
      : `target at ${formatShare(shares.target)}${shares.targetCores === 1 ? '' : ` of ${ofCores(shares.targetCores)}`}`;
  const late = shares.lateSends === undefined ? '' : `, ${formatShare(shares.lateSends)} of its requests sent late`;
  return `load generator at ${formatShare(shares.generator)} of ${ofCores(shares.generatorCores)}${late}, ${target}`;
}

/** "generator-bound: load generator at 97% of its core, target at 41%", the marker every report shows. */
export const generatorBoundMarker = (shares: CpuShares): string => `generator-bound: ${describeCpuShares(shares)}`;
