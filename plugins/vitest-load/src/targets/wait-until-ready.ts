import { setTimeout as delay } from 'node:timers/promises';

export type ReadyWait = 'ready' | 'exited' | 'timeout';

/**
 * Polls `isReady` until it says yes, the process exits (`exited` resolves) or the time is up.
 * Every started process (target, sidecar, PostgreSQL, Redis) is waited for this way.
 */
export async function waitUntilReady(
  isReady: () => Promise<boolean>,
  timeoutSeconds: number,
  exited: Promise<unknown>,
  everyMs = 50,
): Promise<ReadyWait> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (hasExited) return 'exited';
    if (await isReady().catch(() => false)) return 'ready';
    await delay(everyMs);
  }
  return hasExited ? 'exited' : 'timeout';
}

/** True when `url` answers 2xx: a target's health route. */
export async function answers2xx(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
  await response.arrayBuffer();
  return response.ok;
}
