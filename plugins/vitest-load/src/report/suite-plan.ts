/**
 * What a load test is expected to take, from its suite's options alone, so that a run can say
 * how long it will last before it has measured anything. Each round starts the target (and its
 * sidecars), warms up and loads once per variant (or per target in a comparison of targets), then
 * stops them; a same-job A/B does all of it on both sides.
 */
export interface TestPlan {
  /** Rounds expected: the suite's minimum, where rounds stop unless a verdict is still open. */
  rounds: number;
  /** Loads in one round: 1, a `bench.compare()`'s variants, or a `bench.compareTargets()`'s targets. */
  loadsPerRound: number;
  /** Seconds of one load: warm-up plus measured duration (the stages' sum). */
  loadSeconds: number;
  /** 1, or 2 in a same-job A/B (base and head). */
  sides: number;
}

/**
 * Seconds a round spends beyond its loads: starting and stopping the target and its sidecars,
 * hooks and checks. Read from a smoke run of the Backend Benchmark Lab on 2 cores: tests of one
 * 2 s load took 4.8 s on average over 108 (compiled Node, Go, Python and a JVM), so about 3 s.
 */
export const ROUND_OVERHEAD_SECONDS = 3;

/** The expected seconds of one test. */
export function plannedSeconds(plan: TestPlan, overheadSeconds = ROUND_OVERHEAD_SECONDS): number {
  return plan.sides * plan.rounds * (overheadSeconds + plan.loadsPerRound * plan.loadSeconds);
}

const PLAN_KEY = 'vitestLoadPlan';

/** The test's expected seconds, in the meta its declaration hands to reporters at collection. */
export function planMeta(seconds: number): object {
  return { [PLAN_KEY]: seconds };
}

/** A collected test's expected seconds, or undefined for a test that is not a load test. */
export function readPlannedSeconds(meta: object): number | undefined {
  const value = (meta as Record<string, unknown>)[PLAN_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
