import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startManagedProcess, type ManagedProcess } from '../managed-process.ts';
import { restartable, type RestartableServer } from './restartable-server.ts';

// A long sleep stands for a service's server: what matters is who stops it.
const launch = (): Promise<ManagedProcess> =>
  startManagedProcess({ command: 'sleep', args: ['30'], cwd: process.cwd(), env: process.env, stopGracePeriod: 1 });
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
let server: RestartableServer | undefined;
afterEach(async () => {
  await server?.stop();
});

describe('restartable', () => {
  it('does not report a stop it was asked for as a death, and watches the process started again', async () => {
    const started: ManagedProcess[] = [];
    const tracked = async (): Promise<ManagedProcess> => {
      const child = await launch();
      started.push(child);
      return child;
    };
    server = restartable(await tracked(), tracked, async () => {}, 'sleeper');
    let died = false;
    void server.died.then(() => (died = true));
    await server.pause();
    expect(server.paused).toBe(true);
    expect(alive(started[0]!.pid)).toBe(false);
    await delay(100);
    expect(died).toBe(false);

    await server.resume();
    expect(started).toHaveLength(2);
    // Killed from outside, as a crash would: that one is a death.
    process.kill(-started[1]!.pid, 'SIGKILL');
    const error = await server.died;
    expect(error.message).toContain('sleeper');
  });

  it('stops a restart under way instead of leaving it running, and ignores a resume after the stop', async () => {
    const started: ManagedProcess[] = [];
    const slowLaunch = async (): Promise<ManagedProcess> => {
      await delay(200);
      const child = await launch();
      started.push(child);
      return child;
    };
    server = restartable(await launch(), slowLaunch, async () => {}, 'sleeper');
    await server.pause();
    const resuming = server.resume();
    await server.stop();
    await resuming;
    await server.resume();
    expect(started).toHaveLength(1);
    expect(alive(started[0]!.pid)).toBe(false);
  });
});
