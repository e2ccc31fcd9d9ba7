// Sample figures for the tests of reports and verdicts (not part of the built package).
import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult } from '../measure/load-result.ts';

/** A plausible result of 50,000 responses in 5 s; override what a test is about. */
export function sampleResult(overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    latencyMs: { p50: 0.5, p90: 0.8, p95: 1.25, p99: 2.5, p999: 4, max: 9, min: 0.1, mean: 0.6 },
    requests: 50_000,
    requestsPerSecond: 10_000,
    bytesPerSecond: 1_000_000,
    errors: 0,
    timeouts: 0,
    errorRate: 0,
    statusCodes: { 200: 50_000 },
    durationSeconds: 5,
    unanswered: 0,
    ...overrides,
  };
}

/** A baseline entry holding `sampleResult()`, as `pnpm perf -u` would write it. */
export function sampleBaselineEntry(): BaselineEntry {
  return {
    recordedAt: '2026-11-22T10:00:00.000Z',
    environment: { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2', runtime: 'process', pinned: true },
    load: { connections: 10, warmupSeconds: 1, durationSeconds: 5 },
    ...sampleResult(),
  };
}
