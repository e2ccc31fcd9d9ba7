import { describe, expect, it } from 'vitest';
import type { MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult } from '../measure/load-result.ts';
import { judge, type VerdictInput } from './verdict.ts';

const environment: MeasurementEnvironment = { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2', runtime: 'process', pinned: true };

function result(p95: number, overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    latencyMs: { p50: p95 / 2, p90: p95 * 0.9, p95, p99: p95 * 1.5, p999: p95 * 2, max: p95 * 3, min: 0.01, mean: p95 / 2 },
    requests: 10_000,
    requestsPerSecond: 2000,
    bytesPerSecond: 100_000,
    errors: 0,
    timeouts: 0,
    errorRate: 0,
    statusCodes: { 200: 10_000 },
    durationSeconds: 5,
    unanswered: 0,
    ...overrides,
  };
}

function baseline(p95: number, env: MeasurementEnvironment = environment): BaselineEntry {
  return { recordedAt: '2026-11-22T00:00:00.000Z', environment: env, load: { connections: 10, warmupSeconds: 1, durationSeconds: 5 }, ...result(p95) };
}

function input(overrides: Partial<VerdictInput>): VerdictInput {
  return {
    scenario: 'GET /health',
    target: 'fastify',
    result: result(1),
    environment,
    gate: { maxP95Increase: 0.1, maxErrorRate: 0 },
    load: { connections: 10, warmupSeconds: 1, durationSeconds: 5 },
    baseline: baseline(1),
    baselineFile: 'baselines/basic/01-health.json',
    latencyGate: 'enforce',
    requireBaseline: false,
    compareAcrossEnvironments: false,
    ...overrides,
  };
}

describe('judge', () => {
  it('passes a p95 within the threshold', () => {
    const verdict = judge(input({ result: result(1.09) }));
    expect(verdict.outcome).toBe('pass');
    expect(verdict.failed).toBe(false);
    expect(verdict.p95Change).toBeCloseTo(0.09);
  });

  it('fails a p95 beyond the threshold with scenario, target, both p95s, the change and the threshold', () => {
    const verdict = judge(input({ result: result(1.5) }));
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toBe(
      'GET /health × fastify: p95 regressed +50.0% (now 1.500 ms, baseline 1.000 ms in baselines/basic/01-health.json), threshold +10.0%',
    );
  });

  it('only reports a latency regression when the latency gate is in report mode', () => {
    const verdict = judge(input({ result: result(1.5), latencyGate: 'report' }));
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.failed).toBe(false);
    expect(verdict.warnings[0]!.message).toContain('reported only');
  });

  it('fails on errors above the allowed rate whatever the latency and whatever the mode', () => {
    const verdict = judge(input({ result: result(0.5, { errors: 30, errorRate: 0.003, statusCodes: { 200: 9970, 503: 30 } }), latencyGate: 'report' }));
    expect(verdict.outcome).toBe('errors');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toContain('error rate 0.3% is above the allowed 0.0%');
    expect(verdict.failures[0]!.message).toContain('503: 30');
  });

  it('fails when the check after the load found the data wrong, whatever the latency and whatever the mode', () => {
    const verdict = judge(input({ result: result(0.5), latencyGate: 'report', checkFailure: 'lost writes: 10 created, 9 rows' }));
    expect(verdict.outcome).toBe('check-failed');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toBe('GET /health × fastify: the check after the load failed: lost writes: 10 created, 9 rows');
  });

  it('accepts errors up to the allowed rate', () => {
    const verdict = judge(input({ result: result(1, { errors: 5, errorRate: 0.0005 }), gate: { maxP95Increase: 0.1, maxErrorRate: 0.001 } }));
    expect(verdict.failed).toBe(false);
  });

  it('fails a p95 or p99 over its absolute budget even without a baseline', () => {
    const verdict = judge(input({ result: result(6), baseline: undefined, gate: { maxP95Increase: 0.1, maxErrorRate: 0, maxP95Ms: 5, maxP99Ms: 8 } }));
    expect(verdict.outcome).toBe('over-budget');
    expect(verdict.failures.map((f) => f.message)).toEqual([
      'GET /health × fastify: p95 6.000 ms is over its budget of 5.000 ms',
      'GET /health × fastify: p99 9.000 ms is over its budget of 8.000 ms',
    ]);
  });

  it('passes without a baseline and says how to record one', () => {
    const verdict = judge(input({ baseline: undefined }));
    expect(verdict.outcome).toBe('no-baseline');
    expect(verdict.failed).toBe(false);
    expect(verdict.notes[0]).toContain('pnpm vitest run --project perf -u');
    expect(verdict.p95Change).toBeUndefined();
  });

  it('fails without a baseline when one is required', () => {
    const verdict = judge(input({ baseline: undefined, requireBaseline: true }));
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.kind).toBe('no-baseline');
  });

  it('says when the baseline was measured in another environment and only reports its p95 change', () => {
    const verdict = judge(input({ result: result(1.5), baseline: baseline(1, { ...environment, cores: 8, node: 'v22.0.0' }) }));
    expect(verdict.notes[0]).toContain('cores: 8 → 2');
    expect(verdict.notes[0]).toContain('node: v22.0.0 → v20.20.2');
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.failed).toBe(false);
    expect(verdict.warnings[0]!.message).toContain('reported only: the baseline was measured elsewhere or with another load');
  });

  it('only reports the change against a baseline measured with another load, such as a short watch-mode run', () => {
    const verdict = judge(input({ result: result(3), load: { connections: 10, warmupSeconds: 0.5, durationSeconds: 2 } }));
    expect(verdict.failed).toBe(false);
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.notes[0]).toContain('the baseline was measured with another load (warmupSeconds: 1 → 0.5; durationSeconds: 5 → 2)');
  });

  it('enforces a comparison across environments when the user allows it', () => {
    const verdict = judge(input({ result: result(1.5), baseline: baseline(1, { ...environment, cpuModel: 'Other CPU' }), compareAcrossEnvironments: true }));
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.kind).toBe('regressed');
  });

  it('calls a large drop of p95 an improvement and suggests keeping it', () => {
    const verdict = judge(input({ result: result(0.5) }));
    expect(verdict.outcome).toBe('improved');
    expect(verdict.failed).toBe(false);
    expect(verdict.notes[0]).toContain('improved -50.0%');
  });
});
