import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { markedRun } from './processes-with-marker.ts';
import { runFixtureVitest, startFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();
const faultLine = (output: string, name: string) => {
  const match = new RegExp(
    `fault "${name}" at [\\d.]+ s for [\\d.]+ s \\(lasted ([\\d.]+) s\\): ([\\d,]+) requests, ([\\d,]+) errors \\([\\d.]+%\\), failed p95 (\\S+)[^;]*; recovery after it: (\\S+)`,
  ).exec(output);
  expect(match, output).not.toBeNull();
  const [, lasted, requests, errors, failedP95, recovered] = match!;
  return {
    lasted: Number(lasted),
    requests: Number(requests!.replace(/,/g, '')),
    errors: Number(errors!.replace(/,/g, '')),
    failedP95,
    recovered,
  };
};

it('stops PostgreSQL mid-load and starts it again: errors during the fault, none after, no order lost', async () => {
  const run = markedRun();
  const { exitCode, output } = await runFixtureVitest(['suites/faults.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: '1',
    E2E_FAULT: 'postgres',
    ...run.env,
  });
  expect(exitCode, output).toBe(0);
  const fault = faultLine(output, 'postgres stopped');
  // 1.5 s at 200 req/s: ~300 requests, most of them failed, and fast (the server answers 503 at once).
  expect(fault.requests).toBeGreaterThan(150);
  expect(fault.errors).toBeGreaterThan(100);
  expect(fault.failedP95).toMatch(/^\d+\.\d+$/);
  expect(fault.recovered).toMatch(/^\d+\.\d+$/);
  // The errors of the fault did not fail the gate (maxErrorRate 0); after it the database answered the check.
  expect(output).toMatch(/postgres answers after the fault: \d+ rows for \d+ orders answered 201/);
  expect(await run.leftoversAfter(15), output).toEqual([]);
});

it("calls a fault of the suite's own on the sidecar: the upstream stalls, latency shows it, then recovers", async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/faults.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_FAULT: 'upstream',
  });
  expect(exitCode, output).toBe(0);
  const fault = faultLine(output, 'upstream stalls');
  expect(fault.requests).toBeGreaterThan(50);
  expect(fault.errors).toBe(0);
  expect(Number(fault.recovered)).toBeLessThanOrEqual(3);
  // 400 ms more per request for a second: p99 of the whole load shows the stall.
  const p99 = /calls while the upstream stalls × proxy-server: .* p99 ([\d.]+) ms/.exec(output);
  expect(Number(p99?.[1]), output).toBeGreaterThan(300);
});

it('fails the test when latency stays up longer after the fault than gate.maxRecoverySeconds allows', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/faults.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_FAULT: 'linger',
  });
  expect(exitCode, output).toBe(1);
  expect(output).toMatch(
    /calls while the upstream stalls × proxy-server: latency (took \d+\.\d+ s to recover|did not recover) after the fault "upstream stalls".*the budget (is|of) 1 s/,
  );
});

it('starts PostgreSQL again and leaves nothing running when the run is interrupted during the fault', async () => {
  const run = markedRun();
  const { child, done } = startFixtureVitest(['suites/faults.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: '1',
    E2E_FAULT: 'postgres',
    ...run.env,
  });
  let seen = '';
  const began = new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('fault "postgres stopped" began')) resolve();
    });
  });
  await Promise.race([began, delay(60_000)]);
  expect(seen).toContain('fault "postgres stopped" began');
  await delay(300);
  child.kill('SIGINT');
  const { output } = await done;
  expect(await run.leftoversAfter(15), output).toEqual([]);
});
