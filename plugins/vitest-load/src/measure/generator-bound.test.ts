import { describe, expect, test } from 'vitest';
import {
  cpuSharesOf,
  describeCpuShares,
  generatorBoundMarker,
  isGeneratorBound,
  pooledCpuShares,
} from './generator-bound.ts';
import type { CpuShares } from './load-result.ts';

const oneCoreEach = { generatorCores: 1, targetCores: 1 };

describe('isGeneratorBound', () => {
  test('a generator at 90% of its core or more is the limit, however busy the target was', () => {
    expect(isGeneratorBound({ generator: 0.9, target: 0.99, targetCores: 1 })).toBe(true);
    expect(isGeneratorBound({ generator: 0.97, target: 0.41, targetCores: 1 })).toBe(true);
    expect(isGeneratorBound({ generator: 0.95, targetCores: 1 })).toBe(true);
  });

  test('a generator near its limit is the limit when the target used less than half of one core', () => {
    expect(isGeneratorBound({ generator: 0.85, target: 0.3, targetCores: 1 })).toBe(true);
  });

  test('a generator near its limit is not marked beside a busy target: both may be the limit, and the target is measured', () => {
    expect(isGeneratorBound({ generator: 0.85, target: 0.7, targetCores: 1 })).toBe(false);
  });

  test('a single-threaded target saturating one of its seven cores is not idle, though its share of them is small', () => {
    expect(isGeneratorBound({ generator: 0.85, target: 1 / 7, targetCores: 7 })).toBe(false);
  });

  test('a route waiting on its database (idle target, generator far from its limit) is not marked', () => {
    expect(isGeneratorBound({ generator: 0.35, target: 0.1, targetCores: 1 })).toBe(false);
    expect(isGeneratorBound({ generator: 0.79, target: 0.05, targetCores: 1 })).toBe(false);
  });

  test('without the target’s CPU only a saturated generator is marked', () => {
    expect(isGeneratorBound({ generator: 0.85, targetCores: 1 })).toBe(false);
  });
});

describe('isGeneratorBound on the open model', () => {
  test('is not judged by the CPU share, which the polling between sends keeps near 100% whatever the target does', () => {
    expect(isGeneratorBound({ generator: 0.99, target: 0.1, targetCores: 1, lateSends: 0.001 })).toBe(false);
  });

  test('is marked when a tenth of its requests or more went out late: it could not keep its schedule', () => {
    expect(isGeneratorBound({ generator: 0.99, target: 0.4, targetCores: 1, lateSends: 0.1 })).toBe(true);
    expect(isGeneratorBound({ generator: 0.99, target: 0.4, targetCores: 1, lateSends: 0.09 })).toBe(false);
  });
});

describe('cpuSharesOf', () => {
  test('divides each side’s CPU seconds by the window and by the cores it may use', () => {
    expect(
      cpuSharesOf({ seconds: 2, generatorCpuSeconds: 1.94, generatorCores: 1, targetCpuSeconds: 2.46, targetCores: 3 }),
    ).toEqual({ generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 3, generatorBound: true });
  });

  test('leaves the target’s share out where its CPU time could not be read', () => {
    expect(cpuSharesOf({ seconds: 2, generatorCpuSeconds: 0.2, ...oneCoreEach })).toEqual({
      generator: 0.1,
      ...oneCoreEach,
      generatorBound: false,
    });
  });

  test('gives the open model the share of its requests sent late, and judges by it', () => {
    const shares = cpuSharesOf({
      seconds: 2,
      generatorCpuSeconds: 2,
      ...oneCoreEach,
      targetCpuSeconds: 0.4,
      sends: { sent: 2000, late: 700 },
    });
    expect(shares).toMatchObject({ generator: 1, target: 0.2, lateSends: 0.35, generatorBound: true });
    expect(generatorBoundMarker(shares!)).toBe(
      'generator-bound: load generator at 100% of its core, 35% of its requests sent late, target at 20%',
    );
  });

  test('has no shares for a window of no time', () => {
    expect(cpuSharesOf({ seconds: 0, generatorCpuSeconds: 0, ...oneCoreEach })).toBeUndefined();
  });
});

describe('pooledCpuShares', () => {
  const round = (generator: number, target?: number): CpuShares => ({
    generator,
    ...(target === undefined ? {} : { target }),
    ...oneCoreEach,
    generatorBound: false,
  });

  test('takes the mean of the rounds and judges it again', () => {
    const pooled = pooledCpuShares([round(0.96, 0.4), round(0.92, 0.42)]);
    expect(pooled?.generator).toBeCloseTo(0.94);
    expect(pooled?.target).toBeCloseTo(0.41);
    expect(pooled?.generatorBound).toBe(true);
  });

  test('one round near the limit among calm ones does not mark the result', () => {
    expect(pooledCpuShares([round(0.95, 0.9), round(0.5, 0.9), round(0.5, 0.9)])?.generatorBound).toBe(false);
  });

  test('averages the target over the rounds that counted it, and has nothing without any round', () => {
    expect(pooledCpuShares([round(0.5), round(0.5, 0.6), undefined])?.target).toBeCloseTo(0.6);
    expect(pooledCpuShares([undefined])).toBeUndefined();
  });
});

describe('the marker', () => {
  test('says both figures as the reports show them', () => {
    const shares = { generator: 0.971, target: 0.409, ...oneCoreEach, generatorBound: true };
    expect(generatorBoundMarker(shares)).toBe('generator-bound: load generator at 97% of its core, target at 41%');
  });

  test('names the cores when a side may use several, and says when the target’s CPU is unknown', () => {
    expect(
      describeCpuShares({ generator: 0.5, generatorCores: 2, target: 0.25, targetCores: 3, generatorBound: false }),
    ).toBe('load generator at 50% of its 2 cores, target at 25% of its 3 cores');
    expect(describeCpuShares({ generator: 0.93, ...oneCoreEach, generatorBound: true })).toBe(
      "load generator at 93% of its core, target's CPU not known",
    );
  });
});
