import { describe, expect, it } from 'vitest';
import type { MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult } from '../measure/load-result.ts';
import type { MemoryVerdict } from './memory-leak.ts';
import { judge, type VerdictInput } from './verdict.ts';

const environment: MeasurementEnvironment = {
  cpuModel: 'Test CPU',
  cores: 2,
  os: 'linux',
  node: 'v20.20.2',
  runtime: 'process',
  pinned: true,
};

/** Three rounds spread ±2% around p95, as a steady machine measures them. */
const roundsAround = (p95: number) =>
  [0.98, 1, 1.02].map((factor) => ({
    p50: (p95 * factor) / 2,
    p95: p95 * factor,
    p99: p95 * factor * 1.5,
    requestsPerSecond: 2000,
    requests: 3000,
  }));

function result(p95: number, overrides: Partial<LoadResult> = {}): LoadResult {
  return {
    rounds: roundsAround(p95),
    latencyMs: {
      p50: p95 / 2,
      p90: p95 * 0.9,
      p95,
      p99: p95 * 1.5,
      p999: p95 * 2,
      max: p95 * 3,
      min: 0.01,
      mean: p95 / 2,
    },
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
  return {
    recordedAt: '2026-11-22T00:00:00.000Z',
    environment: env,
    load: { connections: 10, warmupSeconds: 1, durationSeconds: 5 },
    ...result(p95),
  };
}

const gate = {
  maxP95Increase: 0.1,
  maxCpuIncrease: 0.1,
  statements: 'fail' as const,
  duet: 0.5,
  maxErrorRate: 0,
  noiseFloor: 0.03,
  baselineNoiseFloor: 0.05,
  confidence: 0.95,
  inconclusive: 'warn' as const,
};
const against = (entry: BaselineEntry): VerdictInput['comparison'] => ({
  against: 'baseline',
  entry,
  file: 'baselines/basic/01-health.json',
});

function input(overrides: Partial<VerdictInput>): VerdictInput {
  return {
    scenario: 'GET /health',
    target: 'fastify',
    result: result(1),
    environment,
    gate,
    load: { connections: 10, warmupSeconds: 1, durationSeconds: 5 },
    comparison: { against: 'baseline', entry: baseline(1), file: 'baselines/basic/01-health.json' },
    baselineFile: 'baselines/basic/01-health.json',
    recordCommand: 'pnpm vitest run --project perf -u',
    latencyGate: 'enforce',
    requireBaseline: false,
    compareAcrossEnvironments: false,
    ...overrides,
  };
}

describe('judge', () => {
  it('passes when a rise as large as the threshold is ruled out', () => {
    const verdict = judge(input({ result: result(1.01) }));
    expect(verdict.outcome).toBe('pass');
    expect(verdict.failed).toBe(false);
    expect(verdict.p95Change).toBeCloseTo(0.01);
    expect(verdict.change?.interval?.high).toBeLessThan(0.1);
  });

  it('fails a rise beyond the noise floor with scenario, target, the change and its interval, both p95s and the rule', () => {
    const verdict = judge(input({ result: result(1.5) }));
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toMatch(
      /^GET \/health × fastify: p95 regressed \+50\.0% \(95% CI \+4\d\.\d% … \+5\d\.\d%, 3 rounds each; could detect ≥ \d+\.\d%\): now 1\.500 ms, baseline 1\.000 ms in baselines\/basic\/01-health\.json; threshold \+10\.0%, noise floor \+5\.0%$/,
    );
  });

  it('is inconclusive, and only warns, while the interval spans the noise floor and the threshold', () => {
    const noisy = result(1.08, {
      rounds: [0.9, 1.08, 1.3].map((p95) => ({ p50: p95 / 2, p95, p99: p95, requestsPerSecond: 1, requests: 1 })),
    });
    const verdict = judge(input({ result: noisy }));
    expect(verdict.outcome).toBe('inconclusive');
    expect(verdict.failed).toBe(false);
    expect(verdict.warnings[0]!.message).toContain('p95 change inconclusive');
    expect(verdict.warnings[0]!.message).toContain('the interval spans the noise floor and the threshold');
  });

  it('fails an inconclusive verdict when the gate says so', () => {
    const noisy = result(1.08, {
      rounds: [0.9, 1.08, 1.3].map((p95) => ({ p50: p95 / 2, p95, p99: p95, requestsPerSecond: 1, requests: 1 })),
    });
    const verdict = judge(input({ result: noisy, gate: { ...gate, inconclusive: 'fail' } }));
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.kind).toBe('inconclusive');
  });

  it('judges head against a base revision measured beside it with the paired interval and the smaller noise floor', () => {
    const base = result(1, {
      rounds: [1, 1.3, 0.9, 1.1].map((p95) => ({ p50: p95 / 2, p95, p99: p95, requestsPerSecond: 1, requests: 1 })),
    });
    // Drift moved both sides of each pair alike; head stayed 15% above base.
    const head = result(1.15, {
      rounds: [1, 1.3, 0.9, 1.1].map((p95) => ({
        p50: p95 / 2,
        p95: p95 * 1.15,
        p99: p95,
        requestsPerSecond: 1,
        requests: 1,
      })),
    });
    const verdict = judge(
      input({ result: head, comparison: { against: 'base', revision: 'main (merge base 1234abcd)', result: base } }),
    );
    expect(verdict.change).toMatchObject({ against: 'base', rule: { noiseFloor: 0.03 }, interval: { paired: true } });
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.failures[0]!.message).toContain('base 1.000 ms at main (merge base 1234abcd)');
  });

  it('notes a real rise that stays below the threshold', () => {
    const rounds = (factor: number) =>
      [1, 1.3, 0.9, 1.1].map((p95) => ({
        p50: p95 / 2,
        p95: p95 * factor,
        p99: p95,
        requestsPerSecond: 1,
        requests: 1,
      }));
    const comparison = { against: 'base' as const, revision: 'main', result: result(1, { rounds: rounds(1) }) };
    const verdict = judge(input({ result: result(1.05, { rounds: rounds(1.05) }), comparison }));
    expect(verdict.outcome).toBe('pass');
    expect(verdict.notes[0]).toContain('a real change but below the threshold +10.0%');
  });

  it('only reports a latency regression when the latency gate is in report mode', () => {
    const verdict = judge(input({ result: result(1.5), latencyGate: 'report' }));
    expect(verdict.outcome).toBe('regressed');
    expect(verdict.failed).toBe(false);
    expect(verdict.warnings[0]!.message).toContain('reported only');
  });

  it('fails on errors above the allowed rate whatever the latency and whatever the mode', () => {
    const verdict = judge(
      input({
        result: result(0.5, { errors: 30, errorRate: 0.003, statusCodes: { 200: 9970, 503: 30 } }),
        latencyGate: 'report',
      }),
    );
    expect(verdict.outcome).toBe('errors');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toContain('error rate 0.3% is above the allowed 0.0%');
    expect(verdict.failures[0]!.message).toContain('503: 30');
  });

  it('fails when the check after the load found the data wrong, whatever the latency and whatever the mode', () => {
    const verdict = judge(
      input({ result: result(0.5), latencyGate: 'report', checkFailure: 'lost writes: 10 created, 9 rows' }),
    );
    expect(verdict.outcome).toBe('check-failed');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toBe(
      'GET /health × fastify: the check after the load failed: lost writes: 10 created, 9 rows',
    );
  });

  it('fails a leak whatever the latency and whatever the mode, with what the leak check found', () => {
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
    const memory: MemoryVerdict = {
      outcome: 'leak',
      trend,
      rounds: [trend],
      leakingRounds: 1,
      rule: { maxGrowthMbPerMinute: 5, minGrowthMb: 10, settleSeconds: 30 },
      message: 'memory grew 38 MB/min (floor 61 MB → 142 MB over 2.0 min); limit 5.0 MB/min',
    };
    const verdict = judge(input({ result: result(0.5), latencyGate: 'report', memory }));
    expect(verdict.outcome).toBe('leak');
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.message).toBe(
      'GET /health × fastify: memory grew 38 MB/min (floor 61 MB → 142 MB over 2.0 min); limit 5.0 MB/min',
    );
    expect(verdict.memory).toBe(memory);
  });

  it('notes memory that stayed flat without failing', () => {
    const memory: MemoryVerdict = {
      outcome: 'flat',
      rounds: [],
      leakingRounds: 0,
      rule: { maxGrowthMbPerMinute: 5, minGrowthMb: 10, settleSeconds: 30 },
      message: 'memory floor +0.2 MB/min: no leak',
    };
    const verdict = judge(input({ memory }));
    expect(verdict.failed).toBe(false);
    expect(verdict.notes).toContain('GET /health × fastify: memory floor +0.2 MB/min: no leak');
  });

  it('accepts errors up to the allowed rate', () => {
    const verdict = judge(
      input({ result: result(1, { errors: 5, errorRate: 0.0005 }), gate: { ...gate, maxErrorRate: 0.001 } }),
    );
    expect(verdict.failed).toBe(false);
  });

  it('fails a p95 or p99 over its absolute budget even without a baseline', () => {
    const verdict = judge(
      input({ result: result(6), comparison: undefined, gate: { ...gate, maxP95Ms: 5, maxP99Ms: 8 } }),
    );
    expect(verdict.outcome).toBe('over-budget');
    expect(verdict.failures.map((f) => f.message)).toEqual([
      'GET /health × fastify: p95 6.000 ms is over its budget of 5.000 ms',
      'GET /health × fastify: p99 9.000 ms is over its budget of 8.000 ms',
    ]);
  });

  it('passes without a baseline and says how to record one', () => {
    const verdict = judge(input({ comparison: undefined }));
    expect(verdict.outcome).toBe('no-baseline');
    expect(verdict.failed).toBe(false);
    expect(verdict.notes[0]).toContain('pnpm vitest run --project perf -u');
    expect(verdict.p95Change).toBeUndefined();
  });

  it('fails without a baseline when one is required', () => {
    const verdict = judge(input({ comparison: undefined, requireBaseline: true }));
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.kind).toBe('no-baseline');
  });

  it('is inconclusive against a baseline measured in another environment and says which fields differ', () => {
    const verdict = judge(
      input({ result: result(1.5), comparison: against(baseline(1, { ...environment, cores: 8, node: 'v22.0.0' })) }),
    );
    expect(verdict.outcome).toBe('inconclusive');
    expect(verdict.failed).toBe(false);
    expect(verdict.warnings[0]!.message).toContain('cores: 8 → 2');
    expect(verdict.warnings[0]!.message).toContain('node: v22.0.0 → v20.20.2');
    expect(verdict.warnings[0]!.message).toContain('VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1');
  });

  it('names the cause other results share when the baseline comes from another machine: which machine, and how to record yours', () => {
    const verdict = judge(
      input({
        result: result(1.5),
        comparison: against(baseline(1, { ...environment, cpuModel: 'Intel(R) Xeon(R) Processor', cores: 4 })),
      }),
    );
    expect(verdict.warnings[0]!.cause).toEqual({
      id: 'environment: cpuModel: Intel(R) Xeon(R) Processor → Test CPU; cores: 4 → 2',
      short: 'not judged (environment)',
      summary:
        'not judged: the baselines come from Intel(R) Xeon(R) Processor, this is Test CPU (cores: 4 → 2); `pnpm vitest run --project perf -u` records yours (or VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1 compares across them)',
    });
  });

  it('names the changed load as the cause when only the load differs', () => {
    const verdict = judge(
      input({ result: result(3), load: { connections: 20, warmupSeconds: 1, durationSeconds: 5 } }),
    );
    expect(verdict.warnings[0]!.cause).toMatchObject({
      id: 'load: connections: 10 → 20',
      short: 'not judged (load changed)',
    });
  });

  it('is inconclusive against a baseline measured with another load, such as a short watch-mode run', () => {
    const verdict = judge(
      input({ result: result(3), load: { connections: 10, warmupSeconds: 0.5, durationSeconds: 2 } }),
    );
    expect(verdict.failed).toBe(false);
    expect(verdict.outcome).toBe('inconclusive');
    expect(verdict.warnings[0]!.message).toContain(
      'the baseline was measured with another load (warmupSeconds: 1 → 0.5; durationSeconds: 5 → 2)',
    );
  });

  it('judges across environments when the user allows it', () => {
    const verdict = judge(
      input({
        result: result(1.5),
        comparison: against(baseline(1, { ...environment, cpuModel: 'Other CPU' })),
        compareAcrossEnvironments: true,
      }),
    );
    expect(verdict.failed).toBe(true);
    expect(verdict.failures[0]!.kind).toBe('regressed');
  });

  it('takes a baseline recorded before rounds existed as one round', () => {
    const { rounds: _dropped, ...old } = baseline(1);
    const verdict = judge(input({ result: result(1.5), comparison: against(old) }));
    expect(verdict.change?.interval).toMatchObject({ baseRounds: 1, headRounds: 3 });
    expect(verdict.outcome).toBe('regressed');
  });

  it('calls a large drop of p95 an improvement and suggests keeping it', () => {
    const verdict = judge(input({ result: result(0.5) }));
    expect(verdict.outcome).toBe('improved');
    expect(verdict.failed).toBe(false);
    expect(verdict.notes[0]).toContain('improved -50.0%');
    expect(verdict.notes[0]).toContain('update the baseline (-u)');
  });
});
