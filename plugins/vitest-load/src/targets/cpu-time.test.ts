import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processTreeCpuSeconds } from './cpu-time.ts';

const onLinux = process.platform === 'linux';

describe.runIf(onLinux)('processTreeCpuSeconds', () => {
  it('counts the CPU time of a child that burns CPU, beside a parent that only waits', async () => {
    // A shell that waits on a child which burns 0.3 s of its own CPU time (not of the clock, which
    // a busy machine stretches), says so, and then idles: the tree's time must include the child's.
    const child =
      'let used = 0; while (used < 300_000) { const u = process.cpuUsage(); used = u.user + u.system; } console.log("burnt"); setTimeout(() => {}, 5000);';
    const parent = spawn('sh', ['-c', `${JSON.stringify(process.execPath)} -e ${JSON.stringify(child)} & wait`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      await once(parent.stdout!, 'data');
      expect(processTreeCpuSeconds(parent.pid!)).toBeGreaterThanOrEqual(0.3);
    } finally {
      // The child first (found through its parent), then the shell; the child idles 5 s at most anyway.
      await once(spawn('pkill', ['-P', String(parent.pid)]), 'exit');
      parent.kill();
    }
  });

  it('is undefined for a process that does not exist', () => {
    expect(processTreeCpuSeconds(2 ** 22 + 17)).toBeUndefined();
  });
});
