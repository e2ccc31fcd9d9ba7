import { describe, expect, it } from 'vitest';
import { formatResultLine } from './result-line.ts';
import type { LoadTestMeta } from './task-meta.ts';

const meta: LoadTestMeta = {
  scenario: '01 GET /health',
  target: 'fastify',
  result: {
    latencyMs: { p50: 0.136, p90: 0.25, p95: 0.29, p99: 0.46, p999: 1.2, max: 9.87, min: 0.02, mean: 0.15 },
    requests: 290_000,
    requestsPerSecond: 58_000,
    bytesPerSecond: 9_100_000,
    errors: 2,
    timeouts: 1,
    errorRate: 0.00001,
    statusCodes: { 200: 289_999, 503: 1 },
    durationSeconds: 5,
    unanswered: 0,
  },
  verdict: { outcome: 'pass', failed: false, failures: [], warnings: [], notes: [] },
  environment: { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2', runtime: 'process', pinned: true },
  pinning: { pinned: true, targetCpus: '1', loadGeneratorCpus: '0' },
  baselineWritten: false,
};

describe('formatResultLine', () => {
  it('gives every percentile, the rates, the statuses, the errors and where it ran', () => {
    expect(formatResultLine(meta)).toBe(
      '01 GET /health × fastify: p50 0.136 ms · p90 0.250 ms · p95 0.290 ms · p99 0.460 ms · p99.9 1.200 ms · max 9.870 ms | ' +
        '58,000 req/s, 9.1 MB/s, 290,000 responses (200×289999 503×1) | errors 2, timeouts 1 | target on cpu 1, load on cpu 0',
    );
  });

  it('adds the statements per request, the costliest statement and the target resources when known', () => {
    const details = {
      timeline: [],
      latencyCurve: [],
      latencyHistogram: [],
      resources: { samples: [], cpuPercentMean: 96.4, rssMbMax: 81.2 },
      queries: {
        queriesPerRequest: 3,
        statements: [
          {
            query: 'INSERT INTO users (email) VALUES ($1) RETURNING id',
            calls: 900,
            totalMs: 450,
            meanMs: 0.5,
            rows: 900,
          },
        ],
      },
    };
    expect(formatResultLine({ ...meta, details })).toContain(
      '| 3.0 queries/request (most time: INSERT INTO users (email) VALUES ($1) RETURNING id, 900 calls, 0.500 ms mean) | target CPU 96%, RSS up to 81 MB',
    );
  });

  it("adds the leak check's growth of the memory floor and its limit", () => {
    const trend = {
      fromSecond: 30,
      toSecond: 150,
      windows: 18,
      mbPerMinute: 38.24,
      low: 35,
      high: 41,
      confidence: 0.95,
      lateMbPerMinute: 37,
      floorStartMb: 61,
      floorEndMb: 142,
    };
    const memory = {
      outcome: 'leak' as const,
      trend,
      rounds: [trend],
      leakingRounds: 1,
      rule: { maxGrowthMbPerMinute: 5, minGrowthMb: 10, settleSeconds: 30 },
      message: '',
    };
    const details = {
      timeline: [],
      latencyCurve: [],
      latencyHistogram: [],
      resources: { samples: [], cpuPercentMean: 96.4, rssMbMax: 150 },
    };
    expect(formatResultLine({ ...meta, details, verdict: { ...meta.verdict, memory } })).toContain(
      '| target CPU 96%, RSS up to 150 MB, floor +38.2 MB/min (limit 5 MB/min)',
    );
  });

  it('says why a run was not pinned', () => {
    expect(formatResultLine({ ...meta, pinning: { pinned: false, reason: 'only one core is available' } })).toContain(
      'not pinned (only one core is available)',
    );
  });
});

describe('the load generator in the result line', () => {
  const shares = { generator: 0.23, generatorCores: 1, target: 0.88, targetCores: 1, generatorBound: false };

  it("gives the generator's CPU share when it was not the limit", () => {
    const line = formatResultLine({ ...meta, result: { ...meta.result, cpuShares: shares } });
    expect(line).toMatch(/ \| load generator CPU 23%$/);
  });

  it('says generator-bound, with both shares, when it was', () => {
    const bound = { ...shares, generator: 0.97, target: 0.41, generatorBound: true };
    const line = formatResultLine({ ...meta, result: { ...meta.result, cpuShares: bound } });
    expect(line).toMatch(/ \| generator-bound: load generator at 97% of its core, target at 41%$/);
  });
});
