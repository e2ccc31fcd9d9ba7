import type { EngineProbe } from './runtime-choice.ts';
import { loadTestcontainers } from './testcontainers.ts';

/** Asks Testcontainers for the engine it would use; an engine that does not answer within `timeoutMs` does not answer. */
export async function probeEngine(timeoutMs = 10_000): Promise<EngineProbe> {
  try {
    const { getContainerRuntimeClient } = await loadTestcontainers();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      timer.unref();
    });
    const client = await Promise.race([getContainerRuntimeClient(), timeout]).finally(() => clearTimeout(timer));
    const { serverVersion, operatingSystem } = client.info.containerRuntime;
    return {
      answers: true,
      description: `engine ${serverVersion} on ${operatingSystem} at ${client.info.containerRuntime.host}`,
    };
  } catch (error) {
    return { answers: false, reason: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
  }
}
