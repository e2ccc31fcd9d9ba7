import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Kills a target's process group if this process dies without stopping it (a worker killed
 * by Vitest on Ctrl-C, an OOM kill, SIGKILL). A small shell in its own process group waits
 * on a pipe from us; the kernel closes the pipe whatever way we die, and the shell then sends
 * SIGTERM and, after the grace period, SIGKILL to the group. Signal handlers alone would miss
 * SIGKILL, and Node has no parent-death signal.
 */
export function guardProcessGroup(groupId: number, graceSeconds: number): { release: () => void } {
  // POSIX `kill -s SIG -- -PGID`: dash rejects `kill -TERM -- -PGID`.
  const script =
    'read _ignored; kill -s TERM -- "-$1" 2>/dev/null; sleep "$2"; kill -s KILL -- "-$1" 2>/dev/null; exit 0';
  return spawnPipeGuard('sh', ['-c', script, 'vitest-load-guard', String(groupId), String(graceSeconds)]);
}

/**
 * Starts `command` detached, holding the write end of a pipe to its stdin: when this process
 * ends, however it ends, the kernel closes the pipe and the guard does its cleaning. `release`
 * ends the guard when the cleaning is no longer needed.
 */
export function spawnPipeGuard(command: string, args: string[]): { release: () => void } {
  const guard: ChildProcess = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  guard.on('error', () => {});
  guard.stdin?.on('error', () => {});
  guard.unref();
  // The pipe must not keep this process's event loop alive by itself.
  (guard.stdin as unknown as { _handle?: { unref?: () => void } })._handle?.unref?.();
  return {
    release: () => {
      guard.kill('SIGKILL');
      guard.stdin?.destroy();
    },
  };
}
