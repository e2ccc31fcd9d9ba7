import { describe, expect, it } from 'vitest';
import type { MeasurementEnvironment } from '../baseline/environment.ts';
import type { LoadResult } from '../measure/load-result.ts';
import { judge, type VerdictInput } from './verdict.ts';

// The cost figures beside p95: CPU per request judged like p95, statements per request counted.

const environment: MeasurementEnvironment = {
  cpuModel: 'Test CPU',
  cores: 2,
  os: 'linux',
  node: 'v20.20.2',
  runtime: 'process',
  pinned: true,
};
const gate = {
  maxP95Increase: 0.1,
  maxCpuIncrease: 0.1,
  statements: 'fail' as const,
  duet: 0.5,
  maxErrorRate: 0,
  noiseFloor: 0.03,
  baselineNoiseFloor: 0.1,
  confidence: 0.95,
  inconclusive: 'warn' as const,
};
const posts = 'SELECT id, title FROM posts WHERE author_id = $1';

/** Five rounds with p95 spread wide (as a database route on a busy 2-core VM) and CPU per request spread ±1%. */
function result(
  p95: number,
  cpuMs: number,
  statements: Record<string, number> = { 'SELECT 1': 1 },
  p95Spread = [0.7, 1.3, 0.9, 1.2, 1],
): LoadResult {
  const cpuSpread = [0.99, 1.01, 1, 0.995, 1.005];
  return {
    rounds: p95Spread.map((factor, index) => ({
      p50: p95 / 2,
      p95: p95 * factor,
      p99: p95 * 2,
      requestsPerSecond: 4000,
      requests: 8000,
      cpuMsPerRequest: cpuMs * cpuSpread[index]!,
    })),
    latencyMs: {
      p50: p95 / 2,
      p90: p95 * 0.9,
      p95,
      p99: p95 * 2,
      p999: p95 * 3,
      max: p95 * 4,
      min: 0.1,
      mean: p95 / 2,
    },
    requests: 40_000,
    requestsPerSecond: 4000,
    bytesPerSecond: 1e6,
    errors: 0,
    timeouts: 0,
    errorRate: 0,
    statusCodes: { 200: 40_000 },
    durationSeconds: 10,
    unanswered: 0,
    cost: {
      cpuMsPerRequest: cpuMs,
      statementsPerRequest: Object.values(statements).reduce((a, b) => a + b, 0),
      statements,
    },
  };
}

/** The base's rounds spread otherwise than the head's: rounds of two processes do not move together. */
const base = (p95: number, cpuMs: number, statements?: Record<string, number>) =>
  result(p95, cpuMs, statements, [1.2, 0.8, 1.3, 0.9, 1]);

function input(head: LoadResult, base: LoadResult, overrides: Partial<VerdictInput> = {}): VerdictInput {
  return {
    scenario: '03 GET /users/{id}',
    target: 'fastify',
    result: head,
    environment,
    gate,
    load: { connections: 10, warmupSeconds: 1, durationSeconds: 2 },
    comparison: { against: 'base', revision: 'HEAD', result: base },
    baselineFile: 'baselines/basic/03-db-read.json',
    recordCommand: 'pnpm vitest run --project perf -u',
    latencyGate: 'enforce',
    requireBaseline: false,
    compareAcrossEnvironments: false,
    ...overrides,
  };
}

describe('judge, on the cost per request', () => {
  it('fails a handler 20% costlier in CPU that the spread of p95 hides', () => {
    const verdict = judge(input(result(5, 0.24), base(5, 0.2)));
    expect(verdict.change?.outcome).toBe('inconclusive');
    expect(verdict.cpuChange?.outcome).toBe('regressed');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures.map((finding) => finding.message).join('\n')).toMatch(
      /CPU per request regressed \+20\.0% \(95% CI .* could detect ≥ \d+\.\d%\): now 0\.240 ms CPU per request, base 0\.200 ms CPU/,
    );
  });

  it('passes unchanged CPU per request with a note of what it could have seen', () => {
    const verdict = judge(input(result(5, 0.2), base(5, 0.2)));
    expect(verdict.cpuChange?.outcome).toBe('pass');
    expect(verdict.cpuChange?.detectable).toBeLessThan(0.06);
    expect(verdict.notes.join('\n')).toContain('CPU per request +0.0%');
  });

  it('fails an N+1 by its statements even where latency is only reported (CI)', () => {
    const verdict = judge(
      input(result(5, 0.2, { 'SELECT 1': 1, [posts]: 20 }), base(5, 0.2, { 'SELECT 1': 1 }), { latencyGate: 'report' }),
    );
    expect(verdict.failed).toBe(true);
    expect(verdict.outcome).toBe('more-statements');
    expect(verdict.failures[0]!.message).toContain(
      `statements per request rose 1.00 → 21.00: new 20.00 per request: ${posts}`,
    );
  });

  it('leaves the statements alone when told to', () => {
    const verdict = judge(
      input(result(5, 0.2, { [posts]: 20 }), base(5, 0.2, { 'SELECT 1': 1 }), { gate: { ...gate, statements: 'off' } }),
    );
    expect(verdict.statements).toBeUndefined();
    expect(verdict.failed).toBe(false);
  });

  it('says when the rounds could not see a change as small as gate.detect asks', () => {
    const verdict = judge(input(result(5, 0.2), base(5, 0.2), { gate: { ...gate, detect: 0.05 } }));
    const messages = verdict.warnings.map((finding) => finding.message).join('\n');
    expect(messages).toMatch(
      /p95 could not be judged as finely as gate\.detect asks \(5\.0%\): this machine reached only ≥ \d+\.\d% with 5 rounds/,
    );
    expect(messages).not.toContain('CPU per request could not');
  });
});
