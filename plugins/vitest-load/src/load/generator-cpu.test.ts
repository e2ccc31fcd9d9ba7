import { describe, expect, test } from 'vitest';
import { addCpuWindows, startCpuWindow } from './generator-cpu.ts';
import { addOutcomes } from './run-load.ts';

describe('startCpuWindow', () => {
  test("counts this process's CPU time spent within the window, and its wall time", () => {
    const window = startCpuWindow();
    const until = performance.now() + 20;
    while (performance.now() < until);
    const { seconds, cpuSeconds } = window.stop();
    expect(seconds).toBeGreaterThanOrEqual(0.02);
    expect(cpuSeconds).toBeGreaterThan(0);
  });
});

describe('addCpuWindows', () => {
  test("adds up a duet side's slices: their wall time and their CPU time", () => {
    expect(
      addCpuWindows([
        { seconds: 0.5, cpuSeconds: 0.2 },
        { seconds: 0.5, cpuSeconds: 0.3 },
      ]),
    ).toEqual({ seconds: 1, cpuSeconds: 0.5 });
  });
});

describe('addOutcomes', () => {
  const outcome = { elapsedSeconds: 1, sent: 100, transportErrors: 0, timeouts: 0 };

  test("adds the open model's late sends, and gives none for the closed model, which does not count them", () => {
    expect(
      addOutcomes([
        { ...outcome, lateSends: 3 },
        { ...outcome, lateSends: 4 },
      ]).lateSends,
    ).toBe(7);
    expect(addOutcomes([outcome, outcome])).not.toHaveProperty('lateSends');
  });
});
