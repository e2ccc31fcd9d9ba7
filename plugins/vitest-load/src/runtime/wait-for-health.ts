import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls the target's health route until it answers 2xx. Resolves false on timeout; stops
 * early when `stopped` resolves (the process died).
 */
export async function waitForHealth(url: string, timeoutSeconds: number, stopped: Promise<unknown>): Promise<boolean> {
  let exited = false;
  void stopped.then(() => (exited = true));
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (!exited && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await delay(50);
  }
  return false;
}
