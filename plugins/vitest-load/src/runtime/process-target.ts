import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import getPort from 'get-port';
import type { TargetDefinition } from '../suite/options.ts';
import { pinnedCommand, type CpuPinning } from './cpu-pinning.ts';
import { guardProcessGroup } from './orphan-guard.ts';
import { OutputTail } from './output-tail.ts';
import { TargetDiedError, type ExitStatus } from './target-died-error.ts';
import { waitForHealth } from './wait-for-health.ts';

/** A target started for a test: reachable at `url` until `stop()`. */
export interface RunningTarget {
  name: string;
  url: string;
  pid: number;
  /** Resolves with the error to fail the test with if the target dies before `stop()`. */
  died: Promise<TargetDiedError>;
  stop(): Promise<void>;
}

export interface ProcessTargetContext {
  /** Folder that relative `cwd`s are resolved against (the Vitest root). */
  root: string;
  pinning: CpuPinning;
}

const LOOPBACK = '127.0.0.1';
const liveGroups = new Set<number>();

// Last resort for a normal exit of this process without stop(); deaths by signal are covered
// by the orphan guard.
process.once('exit', () => {
  for (const group of liveGroups) killGroup(group, 'SIGKILL');
});

// A Vitest fork worker outlives its parent when the parent is interrupted (Ctrl-C, SIGTERM)
// and would go on loading a target nobody reads results from. Losing the IPC channel means
// the run is over: stop the targets and leave.
if (process.send) {
  process.once('disconnect', () => {
    for (const group of liveGroups) killGroup(group, 'SIGTERM');
    process.exit(1);
  });
}

/**
 * Starts a target as a child process in its own process group, with a free port in PORT,
 * and resolves once its health route answers.
 */
export async function startProcessTarget(definition: TargetDefinition, context: ProcessTargetContext): Promise<RunningTarget> {
  const port = await getPort({ host: LOOPBACK });
  const url = `http://${LOOPBACK}:${port}`;
  const { command, args } = pinnedCommand(context.pinning, definition.command, definition.args);
  const child = spawn(command, args, {
    cwd: resolve(context.root, definition.cwd ?? '.'),
    env: { ...process.env, NODE_ENV: 'production', ...definition.env, PORT: String(port), HOST: LOOPBACK },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = new OutputTail(child.stderr);
  // stdout is drained (a full pipe would block the target) and kept for context.
  new OutputTail(child.stdout, 5);

  let stopping = false;
  const exited = new Promise<ExitStatus>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
    child.once('error', (spawnError) => resolveExit({ code: null, signal: null, spawnError }));
  });
  const pid = child.pid;
  if (pid === undefined) {
    const exit = await exited;
    throw new TargetDiedError(definition.name, exit, stderr.text(), 'at start');
  }
  liveGroups.add(pid);
  const guard = guardProcessGroup(pid, definition.stopGracePeriod);

  const stop = async (): Promise<void> => {
    if (stopping) return exited.then(() => undefined);
    stopping = true;
    killGroup(pid, 'SIGTERM');
    const graceMs = definition.stopGracePeriod * 1000;
    const ended = await Promise.race([exited.then(() => true), delay(graceMs, false)]);
    if (!ended) killGroup(pid, 'SIGKILL');
    await exited;
    // Children the target started may outlive it in its group.
    if (groupAlive(pid)) {
      await delay(Math.min(graceMs, 1000));
      killGroup(pid, 'SIGKILL');
    }
    liveGroups.delete(pid);
    guard.release();
  };

  const died = exited.then((exit) => new TargetDiedError(definition.name, exit, stderr.text(), 'while it was under test'));
  // Only a death before stop() is an error; the caller races this against the test's work.
  const diedUnexpectedly = new Promise<TargetDiedError>((resolveDied) => {
    void died.then((error) => {
      if (!stopping) resolveDied(error);
    });
  });

  const ready = await waitForHealth(`${url}${definition.healthPath}`, definition.startupTimeout, exited);
  if (!ready) {
    const exitedEarly = await Promise.race([exited.then(() => true), Promise.resolve(false)]);
    if (exitedEarly) {
      await stop();
      const exit = await exited;
      throw new TargetDiedError(definition.name, exit, stderr.text(), 'before its health route answered');
    }
    await stop();
    throw new Error(
      `Target "${definition.name}" did not answer ${definition.healthPath} with a 2xx within ${definition.startupTimeout} s ` +
        `(started as: ${[definition.command, ...definition.args].join(' ')}).\n` +
        (stderr.text() ? `Last lines of its stderr:\n${stderr.text()}` : 'It printed nothing on stderr.'),
    );
  }
  return { name: definition.name, url, pid, died: diedUnexpectedly, stop };
}

function killGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}
