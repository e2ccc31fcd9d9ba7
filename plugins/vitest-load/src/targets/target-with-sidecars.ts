import { resolve } from 'node:path';
import type { TargetDefinition } from './target-definition.ts';
import { buildIfStale } from './target-build.ts';
import type { CpuPinning } from './cpu-pinning.ts';
import type { ProcessDiedError } from './process-died-error.ts';
import { startProcessTarget, type RunningTarget } from './process-target.ts';

/**
 * Builds the target if its sources changed, starts its sidecars in order, then the target with their URLs in its environment.
 * Sidecars stand for the world outside the system under test (a third-party API), so they run
 * on the load generator's cores and leave the target's cores to the target.
 */
export async function startTargetWithSidecars(
  target: TargetDefinition,
  context: { root: string; pinning: CpuPinning; serviceEnv: Record<string, string> },
): Promise<RunningTarget> {
  if (target.build) await buildIfStale(target.build, resolve(context.root, target.cwd ?? '.'));
  const sidecarPinning: CpuPinning = context.pinning.pinned
    ? { ...context.pinning, targetCpus: context.pinning.loadGeneratorCpus }
    : context.pinning;
  const sidecars: RunningTarget[] = [];
  const stopSidecars = async (): Promise<void> => {
    for (const sidecar of sidecars.reverse()) await sidecar.stop();
  };
  try {
    const env = { ...context.serviceEnv };
    for (const definition of target.sidecars) {
      const sidecar = await startProcessTarget(definition, {
        root: context.root,
        pinning: sidecarPinning,
        serviceEnv: env,
        role: 'Sidecar',
      });
      sidecars.push(sidecar);
      env[definition.urlEnv] = sidecar.url;
    }
    const running = await startProcessTarget(target, { root: context.root, pinning: context.pinning, serviceEnv: env });
    return {
      ...running,
      sidecars: target.sidecars.map((definition, index) => ({
        name: definition.name,
        urlEnv: definition.urlEnv,
        url: sidecars[index]!.url,
      })),
      died: Promise.race<ProcessDiedError>([running.died, ...sidecars.map((sidecar) => sidecar.died)]),
      stop: async () => {
        await running.stop();
        await stopSidecars();
      },
    };
  } catch (error) {
    await stopSidecars();
    throw error;
  }
}
