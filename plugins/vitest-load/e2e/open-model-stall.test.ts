import { afterEach, describe, expect, it } from 'vitest';
import { runClosedModel } from '../src/load/closed-model.ts';
import { runOpenModel } from '../src/load/open-model.ts';
import { prepareRequest } from '../src/load/prepared-request.ts';
import { Measurement } from '../src/measure/measurement.ts';
import type { RunningTarget } from '../src/targets/process-target.ts';
import { startTargetWithSidecars } from '../src/targets/target-with-sidecars.ts';
import { targetOption } from '../src/suite/options.ts';
import { busyServer } from './fixture/target.ts';

// A server that freezes once for 200 ms, 500 ms into the load. The open model keeps sending on
// schedule, so the ~200 requests due during the freeze all wait and their latency shows it; the
// closed model's 10 connections simply wait too, send nothing meanwhile, and the stall
// disappears into a handful of slow responses among thousands (coordinated omission).
const requests = [prepareRequest({ method: 'GET', path: '/work', headers: {}, weight: 1 })];
let running: RunningTarget | undefined;

async function startStallingServer(): Promise<RunningTarget> {
  const target = targetOption.parse({ ...busyServer, env: { STALL_AFTER_MS: '500', STALL_FOR_MS: '200' } });
  running = await startTargetWithSidecars(target, {
    root: process.cwd(),
    pinning: { pinned: false, reason: 'test' },
    serviceEnv: {},
  });
  return running;
}

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('a server that stalls once for 200 ms', () => {
  it('shows the stall in max and the high percentiles under the open model', async () => {
    const server = await startStallingServer();
    const measurement = new Measurement(requests);
    const outcome = await runOpenModel({
      url: server.url,
      requests,
      stages: [{ durationSeconds: 2, rate: 1000 }],
      connections: 100,
      timeoutSeconds: 5,
      measurement,
    });
    const result = measurement.summarize(outcome);
    measurement.destroy();
    expect(result.requests).toBe(2000);
    expect(result.errors).toBe(0);
    expect(result.latencyMs.max).toBeGreaterThan(190);
    expect(result.latencyMs.p99).toBeGreaterThan(100);
  });

  it('hides it from the percentiles under the closed model, which is why the open model exists', async () => {
    const server = await startStallingServer();
    const measurement = new Measurement(requests);
    const outcome = await runClosedModel({
      url: server.url,
      requests,
      connections: 10,
      durationSeconds: 2,
      timeoutSeconds: 5,
      measurement,
    });
    const result = measurement.summarize(outcome);
    measurement.destroy();
    expect(result.latencyMs.max).toBeGreaterThan(190);
    expect(result.latencyMs.p99).toBeLessThan(50);
  });
});
