import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processTreeCpuSeconds } from './cpu-time.ts';

const onLinux = process.platform === 'linux';

describe.runIf(onLinux)('processTreeCpuSeconds', () => {
  it('counts the CPU time of a child that burns CPU, beside a parent that only waits', async () => {
    // A shell that waits on a busy child: the time is the child's, and the tree must include it.
    const parent = spawn('sh', ['-c', `${JSON.stringify(process.execPath)} -e "const end = Date.now() + 400; while (Date.now() < end);" & wait`], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = processTreeCpuSeconds(parent.pid!);
    await once(parent, 'exit');
    expect(during).toBeGreaterThan(0.1);
  });

  it('is undefined for a process that does not exist', () => {
    expect(processTreeCpuSeconds(2 ** 22 + 17)).toBeUndefined();
  });
});
