import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { guardProcessGroup } from './orphan-guard.ts';
import { OutputTail } from './output-tail.ts';
import { ProcessDiedError, type ExitStatus } from './process-died-error.ts';

export interface ManagedProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Seconds between the stop signal and SIGKILL when stopping. */
  stopGracePeriod: number;
  /** Signal that asks the process to stop. Default SIGTERM; PostgreSQL's fast shutdown is SIGINT. */
  stopSignal?: NodeJS.Signals;
  /** Run as this user and group (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

/** A child process in its own process group that cannot outlive this one. */
export interface ManagedProcess {
  pid: number;
  exited: Promise<ExitStatus>;
  /** True once stop() was called: an exit after that is expected. */
  readonly stopping: boolean;
  stderrTail(): string;
  stop(): Promise<void>;
}

const liveGroups = new Set<number>();

// Last resort for a normal exit of this process without stop(); deaths by signal are covered
// by the orphan guard.
process.once('exit', () => {
  for (const group of liveGroups) killGroup(group, 'SIGKILL');
});

// A Vitest fork worker outlives its parent when the parent is interrupted (Ctrl-C, SIGTERM)
// and would go on loading a target nobody reads results from. Losing the IPC channel means
// the run is over: stop the processes and leave.
if (process.send) {
  process.once('disconnect', () => {
    for (const group of liveGroups) killGroup(group, 'SIGTERM');
    process.exit(1);
  });
}

/**
 * Starts a command in its own process group (so that stopping it also stops whatever it
 * started), drains its output, keeps the tail of its stderr, and guards the group against
 * this process dying without stopping it. Resolves at once; `exited` tells when it ends.
 *
 * Written on node:child_process rather than execa or tree-kill: those stop a process tree from
 * a parent that is still alive, while the case that matters here is our own sudden death (a
 * worker killed by Vitest), which only a guard outside this process can handle; and a process
 * group makes walking the tree unnecessary.
 */
export async function startManagedProcess(options: ManagedProcessOptions): Promise<ManagedProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  const stderr = new OutputTail(child.stderr);
  // stdout is drained (a full pipe would block the process) and kept for context.
  new OutputTail(child.stdout, 5);
  const exited = new Promise<ExitStatus>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
    child.once('error', (spawnError) => resolveExit({ code: null, signal: null, spawnError }));
  });

  const pid = child.pid;
  let stopping = false;
  if (pid === undefined) {
    await exited;
    return { pid: -1, exited, stopping: true, stderrTail: () => stderr.text(), stop: async () => {} };
  }
  liveGroups.add(pid);
  const guard = guardProcessGroup(pid, options.stopGracePeriod);
  void exited.then(() => {
    if (!groupAlive(pid)) forget();
  });
  const forget = (): void => {
    liveGroups.delete(pid);
    guard.release();
  };

  const stop = async (): Promise<void> => {
    if (stopping) return exited.then(() => undefined);
    stopping = true;
    killGroup(pid, options.stopSignal ?? 'SIGTERM');
    const graceMs = options.stopGracePeriod * 1000;
    // An unreferenced timer: a grace period that is not needed must not keep Vitest alive.
    const ended = await Promise.race([exited.then(() => true), delay(graceMs, false, { ref: false })]);
    if (!ended) killGroup(pid, 'SIGKILL');
    await exited;
    // Children the process started may outlive it in its group.
    if (groupAlive(pid)) {
      await delay(Math.min(graceMs, 1000), undefined, { ref: false });
      killGroup(pid, 'SIGKILL');
    }
    forget();
  };

  return {
    pid,
    exited,
    get stopping() {
      return stopping;
    },
    stderrTail: () => stderr.text(),
    stop,
  };
}

/** Resolves with the error to report if the process ends before stop() was called; never otherwise. */
export function unexpectedExit(
  child: ManagedProcess,
  role: ProcessDiedError['role'],
  name: string,
  when: string,
): Promise<ProcessDiedError> {
  return new Promise((resolveDied) => {
    void child.exited.then((exit) => {
      if (!child.stopping) resolveDied(new ProcessDiedError(role, name, exit, child.stderrTail(), when));
    });
  });
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
