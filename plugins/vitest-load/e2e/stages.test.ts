import { expect, it } from 'vitest';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();

it('opens as many connections as each stage asks, 10 then 100 then 10, and reports every stage', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/stages.load.ts'], { E2E_BASELINE_DIR: baselineDir() });
  expect(exitCode, output).toBe(0);
  // The server's own count of requests it held at once, per stage: the connections, not noise.
  const [, first, spike, last] = /in flight by stage: (\d+) \/ (\d+) \/ (\d+)/.exec(output) ?? [];
  expect(Number(first), output).toBeGreaterThanOrEqual(8);
  expect(Number(first), output).toBeLessThanOrEqual(10);
  expect(Number(spike), output).toBeGreaterThanOrEqual(90);
  expect(Number(spike), output).toBeLessThanOrEqual(100);
  expect(Number(last), output).toBeGreaterThanOrEqual(8);
  expect(Number(last), output).toBeLessThanOrEqual(10);
  // Each request waits 200 ms: ten connections answer ~50 req/s, a hundred up to ~500 (less on a busy machine, but more).
  const [, slow, fast] = /stage figures: 10:(\d+) 100:(\d+) 10:\d+/.exec(output) ?? [];
  expect(Number(fast), output).toBeGreaterThan(Number(slow));
  expect(output).toMatch(
    /stage 2 \(100 connections, 1 s\): p50 .* req\/s, errors 0; recovery after it: \d+\.\d+ s \(back to p95 ≈ .*\)/,
  );
});
