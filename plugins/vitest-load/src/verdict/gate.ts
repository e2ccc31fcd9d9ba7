/**
 * The leak check: the floor of the target's RSS must not keep growing faster than
 * `maxGrowthMbPerMinute`; growth below `minGrowthMb` never fails; `settle` (seconds) leaves out
 * the start of each measured load.
 */
export interface LeakRule {
  maxGrowthMbPerMinute: number;
  minGrowthMb: number;
  settle?: number;
}

/** What a result must meet; fractions are 0.1 for 10%. The options page explains each field. */
export interface Gate {
  maxP95Increase: number;
  /** false: CPU per request reported only; absent: maxP95Increase's threshold. */
  maxCpuIncrease?: number | false;
  detect?: number;
  statements: 'fail' | 'off';
  /** Seconds per slice of a same-job A/B duet; false for whole rounds one side after the other. */
  duet: number | false;
  maxP95Ms?: number;
  maxP99Ms?: number;
  maxErrorRate: number;
  noiseFloor: number;
  baselineNoiseFloor: number;
  confidence: number;
  inconclusive: 'warn' | 'fail';
  leak?: LeakRule;
  maxRecoverySeconds?: number;
  maxFaultErrorP95Ms?: number;
}

/** "`faster` is at least `by` times faster than `than` in `figure`": a claim a comparison checks. */
export interface Expectation {
  faster: string;
  than: string;
  by: number;
  figure: 'p50' | 'p95' | 'p99';
}
