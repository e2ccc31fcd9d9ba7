import type { StatementPlan } from './query-plan.ts';
import type { ProfileDetails } from './profile-details.ts';

/**
 * What a report draws besides the headline figures: the load over time, the whole latency
 * distribution, the target's CPU and memory, and its database statements. Kept out of
 * baselines, which hold only what a verdict compares.
 */
export interface LoadDetails {
  /** One point per second of the measured load. */
  timeline: TimelinePoint[];
  /** Latency at percentiles from 0 to 100, spaced to show the tail (50, 75, 90, 95, 99, 99.9, ...). */
  latencyCurve: Array<{ percentile: number; ms: number }>;
  /** Counts of responses per latency bucket, buckets spaced logarithmically. */
  latencyHistogram: Array<{ fromMs: number; toMs: number; count: number }>;
  /** The target's process while loaded; absent where /proc cannot be read. */
  resources?: ResourceUsage;
  /** The target's statements while loaded; only for targets that use PostgreSQL. */
  queries?: QueryInsight;
  /** The target's CPU profile from an extra, unjudged round, when asked for (docs/profiles.md). */
  profile?: ProfileDetails;
}

export interface TimelinePoint {
  /** Seconds since the measured load began (0 = the first second). */
  second: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses with an unexpected status in that second. */
  errors: number;
}

export interface ResourceUsage {
  samples: Array<{ second: number; cpuPercent: number; rssMb: number }>;
  cpuPercentMean: number;
  rssMbMax: number;
}

export interface QueryInsight {
  /** Statements executed per measured response; 1 + N for an N+1 pattern. */
  queriesPerRequest: number;
  /** The statements that took the most total time, most first. */
  statements: Array<{ query: string; calls: number; totalMs: number; meanMs: number; rows: number }>;
  /** Plans of the costliest few, taken after the load (docs/query-plans.md); absent where none could be asked. */
  plans?: StatementPlan[];
}
