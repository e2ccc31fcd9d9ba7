import { hostname } from 'node:os';

/** Every container and network vitest-load starts carries these labels. */
export const RUN_LABEL = 'vitest-load.run-id';
/** The process that owns the run: when it is gone and the run's containers are not, that run crashed. */
export const OWNER_PID_LABEL = 'vitest-load.owner-pid';
export const OWNER_HOST_LABEL = 'vitest-load.owner-host';

export function runLabels(runId: string, ownerPid: number): Record<string, string> {
  return { [RUN_LABEL]: runId, [OWNER_PID_LABEL]: String(ownerPid), [OWNER_HOST_LABEL]: hostname() };
}

/** True for a run started on this machine by a process that no longer exists. */
export function isLeftover(
  labels: Record<string, string>,
  isAlive: (pid: number) => boolean,
  thisHost = hostname(),
): boolean {
  if (labels[RUN_LABEL] === undefined || labels[OWNER_HOST_LABEL] !== thisHost) return false;
  const pid = Number(labels[OWNER_PID_LABEL]);
  return !Number.isInteger(pid) || pid <= 0 || !isAlive(pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
