import { describe, expect, it } from 'vitest';
import { sampleResult } from '../testing/sample-result.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { formatMarkdownSummary } from './markdown-summary.ts';
import { buildResultsFile, resultsFileSchema, type ResultEntry } from './results-file.ts';

const result = sampleResult({
  unanswered: 3,
  byRequest: {
    read: {
      requests: 50_000,
      errors: 0,
      errorRate: 0,
      latencyMs: sampleResult().latencyMs,
      statusCodes: { 200: 50_000 },
    },
  },
});

function entry(scenario: string, target: string, verdict: Partial<Verdict>): ResultEntry {
  return {
    suite: 'bench/basic/01-health.load.ts',
    scenario,
    target,
    result,
    baselineP95Ms: 1,
    verdict: { outcome: 'pass', failed: false, failures: [], warnings: [], notes: [], p95Change: 0.25, ...verdict },
    environment: { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2', runtime: 'process', pinned: true },
    pinning: { pinned: true, targetCpus: '1', loadGeneratorCpus: '0' },
    baselineWritten: false,
    details: {
      timeline: [{ second: 0, requests: 10_000, p50: 0.5, p95: 1.2, p99: 2.4, errors: 0 }],
      latencyCurve: [{ percentile: 50, ms: 0.5 }],
      latencyHistogram: [{ fromMs: 0.4, toMs: 0.5, count: 50_000 }],
      resources: { samples: [{ second: 0.5, cpuPercent: 97, rssMb: 80 }], cpuPercentMean: 97, rssMbMax: 80 },
      queries: {
        queriesPerRequest: 21,
        statements: [
          {
            query: 'SELECT * FROM posts WHERE author_id = $1',
            calls: 1_000_000,
            totalMs: 9000,
            meanMs: 0.009,
            rows: 8_000_000,
          },
        ],
      },
    },
  };
}

const entries = [
  entry('01 GET /health', 'express', {}),
  entry('01 GET /health', 'fastify', {
    outcome: 'regressed',
    warnings: [{ kind: 'regressed', message: 'fastify: p95 regressed +30.0% (reported only)' }],
  }),
  entry('02 POST | echo', 'express', {
    outcome: 'errors',
    failed: true,
    failures: [{ kind: 'errors', message: 'express: error rate 1.0% is above the allowed 0.0%' }],
  }),
];
const trend = {
  fromSecond: 30,
  toSecond: 150,
  windows: 18,
  mbPerMinute: 38.2,
  low: 35,
  high: 41,
  confidence: 0.95,
  lateMbPerMinute: 37,
  floorStartMb: 61,
  floorEndMb: 142,
};
const leaking = entry('22 soak', 'express', {
  outcome: 'leak',
  failed: true,
  failures: [{ kind: 'leak', message: 'express: memory grew 38 MB/min' }],
  memory: {
    outcome: 'leak',
    trend,
    rounds: [trend, null],
    leakingRounds: 1,
    rule: { maxGrowthMbPerMinute: 5, minGrowthMb: 10, settleSeconds: 30 },
    message: 'memory grew 38 MB/min',
  },
});

describe('the results file', () => {
  it('matches its documented schema and counts failed, reported and passed tests', () => {
    const file = buildResultsFile(entries, new Date('2026-11-22T12:00:00Z'));
    expect(resultsFileSchema.safeParse(JSON.parse(JSON.stringify(file))).error?.issues ?? []).toEqual([]);
    expect(file.summary).toEqual({ total: 3, failed: 1, reported: 1, passed: 1 });
  });

  it("holds the leak check's findings in the verdict", () => {
    const file = buildResultsFile([leaking], new Date('2026-11-22T12:00:00Z'));
    expect(resultsFileSchema.safeParse(JSON.parse(JSON.stringify(file))).error?.issues ?? []).toEqual([]);
  });
});

describe('a generator-bound result in the results file and the summary', () => {
  const cpuShares = { generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 1, generatorBound: true };
  const capped = { ...entry('01 GET /health', 'go-gin', {}), result: { ...result, cpuShares } };
  const calm = {
    ...entry('01 GET /health', 'express', {}),
    result: { ...result, cpuShares: { ...cpuShares, generator: 0.3, target: 0.95, generatorBound: false } },
  };
  const file = buildResultsFile([capped, calm], new Date('2026-11-22T12:00:00Z'));

  it('keeps both CPU shares and the flag to the documented schema', () => {
    expect(resultsFileSchema.safeParse(JSON.parse(JSON.stringify(file))).error?.issues ?? []).toEqual([]);
    expect(file.results.map((each) => each.result.cpuShares?.generatorBound)).toEqual([true, false]);
  });

  it('marks it beside its verdict and among the findings, with the figures', () => {
    const markdown = formatMarkdownSummary(file);
    const marker = 'generator-bound: load generator at 97% of its core, target at 41%';
    expect(markdown).toContain(`| pass · ${marker} |`);
    expect(markdown).toContain(`- ⚠️ 01 GET /health × go-gin: ${marker}`);
    expect(markdown.match(/generator-bound/g)).toHaveLength(2);
  });
});

describe('the Markdown summary', () => {
  const markdown = formatMarkdownSummary(buildResultsFile(entries, new Date('2026-11-22T12:00:00Z')));
  const rows = markdown.split('\n').filter((line) => line.startsWith('| 0'));

  it('leads with whether anything failed', () => {
    expect(markdown.split('\n')[0]).toBe('## vitest-load: **1 of 3 failed**');
  });

  it('lists failures first, then reported findings, then the rest, with the change against the baseline', () => {
    expect(rows).toEqual([
      '| 02 POST \\| echo | express | 0.500 ms | 1.250 ms | 2.500 ms | 10,000 | 0 | +25.0% | – | – | **ERRORS** |',
      '| 01 GET /health | fastify | 0.500 ms | 1.250 ms | 2.500 ms | 10,000 | 0 | +25.0% | – | – | REGRESSED (reported) |',
      '| 01 GET /health | express | 0.500 ms | 1.250 ms | 2.500 ms | 10,000 | 0 | +25.0% | – | – | pass |',
    ]);
  });

  it('spells out every finding and the machine the figures come from', () => {
    expect(markdown).toContain('- ❌ express: error rate 1.0% is above the allowed 0.0%');
    expect(markdown).toContain('- ⚠️ fastify: p95 regressed +30.0% (reported only)');
    expect(markdown).toContain(
      'Measured on Test CPU (2 cores), Node v20.20.2, process runtime, pinned; finished 2026-11-22T12:00:00.000Z.',
    );
  });
});

describe('a spike with a fault in the results file and the summary', () => {
  const spike: ResultEntry = {
    ...entry('21 spike', 'express', {}),
    result: sampleResult({
      stages: [
        {
          durationSeconds: 3,
          connections: 10,
          requests: 3000,
          requestsPerSecond: 1000,
          errors: 0,
          errorRate: 0,
          latencyMs: { p50: 2, p95: 4, p99: 6 },
        },
        {
          durationSeconds: 3,
          connections: 100,
          requests: 6000,
          requestsPerSecond: 2000,
          errors: 0,
          errorRate: 0,
          latencyMs: { p50: 20, p95: 40, p99: 60 },
          recovery: { seconds: 0.3, rounds: [0.3], referenceP95Ms: 4 },
        },
      ],
      faults: [
        {
          name: 'postgres stopped',
          atSeconds: 2,
          durationSeconds: 1.5,
          actualSeconds: 1.6,
          requests: 330,
          errors: 313,
          errorRate: 313 / 330,
          failedP95Ms: null,
          recovery: { seconds: null, rounds: [null], referenceP95Ms: 4 },
        },
      ],
      duringFaults: { requests: 330, errors: 313, errorRateOutside: 0 },
    }),
  };
  const file = buildResultsFile([spike], new Date('2026-11-22T12:00:00Z'));

  it('keeps the stages, the faults and the errors during them to the documented schema', () => {
    expect(resultsFileSchema.safeParse(JSON.parse(JSON.stringify(file))).error?.issues ?? []).toEqual([]);
  });

  it('lists them under the result in the summary', () => {
    const markdown = formatMarkdownSummary(file);
    expect(markdown).toContain('- **21 spike × express**');
    expect(markdown).toContain('  - stage 2 (100 connections, 3 s): p50 20.0 ms');
    expect(markdown).toContain(
      '  - fault "postgres stopped" at 2 s for 1.5 s (lasted 1.60 s): 330 requests, 313 errors (94.8%), failed p95 –; recovery after it: not within the load',
    );
  });
});
