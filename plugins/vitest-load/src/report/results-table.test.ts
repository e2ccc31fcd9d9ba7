import { describe, expect, it } from 'vitest';
import { sampleResult } from '../testing/sample-result.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { formatResultsTable } from './results-table.ts';
import type { LoadTestMeta } from './task-meta.ts';

const result = sampleResult({ latencyMs: { ...sampleResult().latencyMs, p95: 1.2345 }, requestsPerSecond: 10_000.4 });

function row(target: string, verdict: Partial<Verdict>): LoadTestMeta {
  return {
    scenario: 'GET /health',
    target,
    result,
    verdict: { outcome: 'pass', failed: false, failures: [], warnings: [], notes: [], ...verdict },
    environment: { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2', runtime: 'process', pinned: false },
    pinning: { pinned: false, reason: 'test' },
    baselineWritten: false,
  };
}

describe('formatResultsTable', () => {
  it('adds the change against the previous run of a watch session when there was one', () => {
    const lines = formatResultsTable([row('express', { p95Change: 0.1 }), row('fastify', {})], undefined, (meta) =>
      meta.target === 'express' ? -0.2 : undefined,
    ).split('\n');
    expect(lines[0]).toMatch(/Δ p95 \(interval\)\s+Δ prev\s+verdict$/);
    expect(lines[2]).toMatch(/express .* \+10\.0%\s+-20\.0%\s+pass$/);
    expect(lines[3]).toMatch(/fastify .* –\s+–\s+pass$/);
    expect(formatResultsTable([row('express', {})], undefined, () => undefined).split('\n')[0]).not.toContain('Δ prev');
  });

  it('shows the statements per request, so that an N+1 stands out', () => {
    const details = {
      timeline: [],
      latencyCurve: [],
      latencyHistogram: [],
      queries: { queriesPerRequest: 21, statements: [] },
    };
    const lines = formatResultsTable([{ ...row('lazy', {}), details }]).split('\n');
    expect(lines[2]).toMatch(/lazy .* 21\.0\s+1\s+–\s+pass$/);
  });

  it('lists the kinds of a mix under their test, without a verdict of their own', () => {
    const kind = {
      requests: 9_000,
      errors: 1,
      errorRate: 1 / 9000,
      latencyMs: { ...result.latencyMs, p95: 2 },
      statusCodes: { 200: 8999, 500: 1 },
    };
    const mix = {
      ...row('fastify', {}),
      result: { ...result, byRequest: { 'read user': kind, 'list users': { ...kind, errors: 0 } } },
    };
    const lines = formatResultsTable([mix]).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/fastify .* pass$/);
    expect(lines[3]).toMatch(/^  └ read user\s+0\.500 ms\s+2\.000 ms\s+2\.500 ms\s+1,800\s+1$/);
    expect(lines[4]).toMatch(/^  └ list users .* 0$/);
  });

  it('prints one aligned row per scenario and target with the change and the verdict', () => {
    const table = formatResultsTable([
      row('express', {
        outcome: 'regressed',
        failed: true,
        p95Change: 0.423,
        failures: [{ kind: 'regressed', message: '' }],
      }),
      row('fastify', { outcome: 'no-baseline' }),
      row('other', { outcome: 'regressed', p95Change: 0.2, warnings: [{ kind: 'regressed', message: '' }] }),
      { ...row('new', { outcome: 'no-baseline' }), baselineWritten: true },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^scenario\s+target\s+p50\s+p95\s+p99\s+req\/s\s+errors\s+q\/req\s+rounds\s+Δ p95 \(interval\)\s+verdict/,
    );
    expect(lines[2]).toMatch(
      /GET \/health\s+express\s+0\.500 ms\s+1\.234 ms\s+2\.500 ms\s+10,000\s+0\s+–\s+1\s+\+42\.3%\s+REGRESSED/,
    );
    expect(lines[3]).toMatch(/fastify .*–\s+no baseline/);
    expect(lines[4]).toContain('REGRESSED (reported)');
    expect(lines[5]).toMatch(/new .* recorded$/);
    expect(lines.every((text) => text === text.trimEnd())).toBe(true);
    const verdictColumn = lines[0]!.indexOf('verdict');
    expect([lines[2]!.indexOf('REGRESSED'), lines[3]!.indexOf('no baseline'), lines[4]!.indexOf('REGRESSED')]).toEqual([
      verdictColumn,
      verdictColumn,
      verdictColumn,
    ]);
  });
});

describe('a generator-bound result in the results table', () => {
  it('carries the marker with both CPU shares beside its verdict, and a result that is not carries none', () => {
    const cpuShares = { generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 1, generatorBound: true };
    const capped = { ...row('go-gin', {}), result: { ...result, cpuShares } };
    const calm = {
      ...row('express', {}),
      result: { ...result, cpuShares: { ...cpuShares, generator: 0.3, generatorBound: false } },
    };
    const lines = formatResultsTable([capped, calm]).split('\n');
    expect(lines[2]).toMatch(/go-gin .* pass · generator-bound: load generator at 97% of its core, target at 41%$/);
    expect(lines[3]).toMatch(/express .* pass$/);
  });
});
