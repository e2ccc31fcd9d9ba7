import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sampleResources, samplingIntervalMs } from './resource-sampler.ts';

describe('sampleResources', () => {
  it('tells a busy process from a sleeping one, and sees their memory', async () => {
    const busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 5000; while (Date.now() < end);'], {
      stdio: 'ignore',
    });
    const sleeping = spawn('sleep', ['5'], { stdio: 'ignore' });
    try {
      const busySampler = sampleResources(busy.pid!, 100);
      const sleepingSampler = sampleResources(sleeping.pid!, 100);
      await delay(1200);
      const [busyUsage, sleepingUsage] = [await busySampler.stop(), await sleepingSampler.stop()];
      expect(busyUsage?.samples.length).toBeGreaterThanOrEqual(5);
      // How much of a core the busy loop gets depends on what else runs on the machine, so the
      // test compares it with a process that never runs, not with a fixed share.
      expect(sleepingUsage!.cpuPercentMean).toBeLessThan(5);
      expect(busyUsage!.cpuPercentMean).toBeGreaterThan(10);
      expect(busyUsage!.rssMbMax).toBeGreaterThan(10);
    } finally {
      busy.kill('SIGKILL');
      sleeping.kill('SIGKILL');
    }
  });

  it('never counts more than one core for a one-threaded process, even while this event loop is busy', async () => {
    // A shell loop is one thread; Node's own helper threads (GC, compiler) may add CPU beyond one core.
    const busy = spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
    try {
      const sampler = sampleResources(busy.pid!, 100);
      // A load generator keeps its event loop this busy: samplers' timers fire late.
      for (let i = 0; i < 4; i++) {
        const until = Date.now() + 250;
        while (Date.now() < until);
        await delay(50);
      }
      const usage = await sampler.stop();
      expect(Math.max(...usage!.samples.map((sample) => sample.cpuPercent))).toBeLessThan(115);
    } finally {
      busy.kill('SIGKILL');
    }
  });

  it('gives up quietly on a process that is gone', async () => {
    const sampler = sampleResources(2 ** 22 + 12345, 50);
    await delay(120);
    expect(await sampler.stop()).toBeUndefined();
  });
});

describe('samplingIntervalMs', () => {
  it('samples every 250 ms a load under a minute whose memory is judged for leaks, every 500 ms otherwise', () => {
    expect(samplingIntervalMs(15, true)).toBe(250);
    expect(samplingIntervalMs(120, true)).toBe(500);
    expect(samplingIntervalMs(15, false)).toBe(500);
  });
});
