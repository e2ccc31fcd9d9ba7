import { describe, expect, it } from 'vitest';
import type { FaultResult, LoadResult, StageResult } from '../measure/load-result.ts';
import { sampleResult } from '../testing/sample-result.ts';
import { judge, recoveryBudgetFindings, type VerdictInput } from './verdict.ts';

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

function input(
  result: LoadResult,
  extra: Partial<VerdictInput['gate']> = {},
  latencyGate: VerdictInput['latencyGate'] = 'enforce',
): VerdictInput {
  return {
    scenario: 'orders',
    target: 'express',
    result,
    environment: { cpuModel: 'Test CPU', cores: 2, os: 'linux', node: 'v20.20.2', runtime: 'process', pinned: true },
    gate: { ...gate, ...extra },
    load: { connections: 100, warmupSeconds: 1, durationSeconds: 8 },
    comparison: undefined,
    baselineFile: 'baselines/orders.json',
    recordCommand: 'pnpm vitest run --project perf -u',
    latencyGate,
    requireBaseline: false,
    compareAcrossEnvironments: false,
  };
}

const fault = (overrides: Partial<FaultResult> = {}): FaultResult => ({
  name: 'postgres stopped',
  atSeconds: 2,
  durationSeconds: 2,
  actualSeconds: 2.3,
  requests: 460,
  errors: 450,
  errorRate: 450 / 460,
  failedP95Ms: 1.5,
  recovery: { seconds: 0.4, rounds: [0.4], referenceP95Ms: 2 },
  ...overrides,
});

const spike = (seconds: number | null): StageResult => ({
  durationSeconds: 3,
  connections: 100,
  requests: 9000,
  requestsPerSecond: 3000,
  errors: 0,
  errorRate: 0,
  latencyMs: { p50: 20, p95: 40, p99: 60 },
  recovery: { seconds, rounds: [seconds], referenceP95Ms: 4 },
});

describe('faults in the verdict', () => {
  it('does not count the errors during a fault against maxErrorRate', () => {
    const result = sampleResult({
      errors: 450,
      errorRate: 0.03,
      faults: [fault()],
      duringFaults: { requests: 460, errors: 450, errorRateOutside: 0 },
    });
    const verdict = judge(input(result));
    expect(verdict.failed).toBe(false);
  });

  it('still fails on errors outside the faults, and says which errors it counted', () => {
    const result = sampleResult({
      errors: 455,
      errorRate: 0.03,
      faults: [fault()],
      duringFaults: { requests: 460, errors: 450, errorRateOutside: 0.0001 },
    });
    const verdict = judge(input(result));
    expect(verdict.outcome).toBe('errors');
    expect(verdict.failures[0]!.message).toContain(
      'error rate outside the faults 0.0% is above the allowed 0.0% (5 failed requests outside them, 450 more during them, which are expected',
    );
  });

  it('fails a recovery over its budget, and one that never came, naming what it followed', () => {
    const slow = judge(
      input(sampleResult({ faults: [fault({ recovery: { seconds: 3.2, rounds: [3.2], referenceP95Ms: 2 } })] }), {
        maxRecoverySeconds: 2,
      }),
    );
    expect(slow.outcome).toBe('over-budget');
    expect(slow.failures[0]!.message).toMatch(
      /^orders × express: latency took 3\.20 s to recover after the fault "postgres stopped", over the budget of 2 s/,
    );
    const never = recoveryBudgetFindings({ stages: [spike(null)] }, { maxRecoverySeconds: 2 });
    expect(never).toEqual([
      expect.stringMatching(
        /^latency did not recover after stage 1 \(100 connections\) before the load ended .* the budget is 2 s$/,
      ),
    ]);
    expect(recoveryBudgetFindings({ stages: [spike(0.5)], faults: [fault()] }, { maxRecoverySeconds: 2 })).toEqual([]);
  });

  it('fails a target whose failed requests hang rather than fail fast, when a budget says so', () => {
    expect(recoveryBudgetFindings({ faults: [fault({ failedP95Ms: 9800 })] }, { maxFaultErrorP95Ms: 100 })).toEqual([
      expect.stringContaining('the target hangs rather than failing fast'),
    ]);
    expect(recoveryBudgetFindings({ faults: [fault({ failedP95Ms: null })] }, { maxFaultErrorP95Ms: 100 })).toEqual([]);
  });

  it('only reports a recovery over budget when the latency gate is in report mode', () => {
    const verdict = judge(input(sampleResult({ stages: [spike(5)] }), { maxRecoverySeconds: 2 }, 'report'));
    expect(verdict.failed).toBe(false);
    expect(verdict.warnings[0]!.message).toContain('latency took 5.00 s to recover after stage 1 (100 connections)');
  });
});
