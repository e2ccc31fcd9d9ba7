import { setTimeout as delay } from 'node:timers/promises';

export type HealthWait = 'ready' | 'exited' | 'timeout';

/**
 * Polls the target's health route until it answers 2xx, the process exits (`stopped`
 * resolves) or the time is up.
 */
export async function waitForHealth(url: string, timeoutSeconds: number, stopped: Promise<unknown>): Promise<HealthWait> {
  let exited = false;
  void stopped.then(() => (exited = true));
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (exited) return 'exited';
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return 'ready';
    } catch {
      // Not listening yet.
    }
    await delay(50);
  }
  return exited ? 'exited' : 'timeout';
}
