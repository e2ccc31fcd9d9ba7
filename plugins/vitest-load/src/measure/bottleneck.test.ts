import { describe, expect, it } from 'vitest';
import { bottleneckOf } from './bottleneck.ts';
import type { LoadResult } from './load-result.ts';

const latencyMs = (mean: number): LoadResult['latencyMs'] => ({
  p50: mean,
  p90: mean,
  p95: mean,
  p99: mean,
  p999: mean,
  max: mean,
  min: mean,
  mean,
});

describe('bottleneckOf', () => {
  it('splits the mean latency into database, target CPU and what is left as waiting', () => {
    const bottleneck = bottleneckOf({
      latencyMs: latencyMs(4),
      cost: { databaseMsPerRequest: 2, cpuMsPerRequest: 1 },
    });
    expect(bottleneck).toEqual({
      latencyMs: 4,
      databaseMs: 2,
      cpuMs: 1,
      shares: { database: 0.5, cpu: 0.25, waiting: 0.25 },
      overlapping: false,
      cpuSaturated: false,
    });
  });

  it('goes without the database where statements were not counted', () => {
    expect(bottleneckOf({ latencyMs: latencyMs(2), cost: { cpuMsPerRequest: 0.5 } })?.shares).toEqual({
      cpu: 0.25,
      waiting: 0.75,
    });
  });

  it('shares by the sum, with no waiting, when database and CPU exceed the latency (parallel or background work)', () => {
    const bottleneck = bottleneckOf({
      latencyMs: latencyMs(1),
      cost: { databaseMsPerRequest: 0.5, cpuMsPerRequest: 1.5 },
    });
    expect(bottleneck?.overlapping).toBe(true);
    expect(bottleneck?.shares).toEqual({ database: 0.25, cpu: 0.75, waiting: 0 });
  });

  it('says the waiting is queueing for the CPU when the target was at 90% of its cores or more', () => {
    const shares = { generator: 0.3, generatorCores: 1, target: 0.95, targetCores: 1, generatorBound: false };
    expect(
      bottleneckOf({ latencyMs: latencyMs(10), cost: { cpuMsPerRequest: 0.5 }, cpuShares: shares })?.cpuSaturated,
    ).toBe(true);
  });

  it('gives nothing without either figure or without a latency', () => {
    expect(bottleneckOf({ latencyMs: latencyMs(3) })).toBeUndefined();
    expect(bottleneckOf({ latencyMs: latencyMs(0), cost: { cpuMsPerRequest: 1 } })).toBeUndefined();
  });
});
