import { resolve } from 'node:path';
import { inject } from 'vitest';
import type { TargetDefinition } from './target-definition.ts';
import { withContainer } from './container-image.ts';
import { startContainerTarget, type RunningContainerTarget } from './container-target.ts';
import type { CpuPinning } from './cpu-pinning.ts';
import type { ProcessDiedError } from './process-died-error.ts';
import type { RunningTarget } from './process-target.ts';
import { RUNTIME_KEY, type ContainerLimits, type ProvidedRuntime, type RuntimeName } from './runtime-context.ts';
import { buildIfStale } from './target-build.ts';
import { startTargetWithSidecars } from './target-with-sidecars.ts';

/** Where a target ran, for the result's environment. */
export interface RuntimeRecord {
  runtime: RuntimeName;
  /** On the container runtime: the images and the limits each container had. */
  containers?: { images: Record<string, string> } & ContainerLimits;
}

export interface StartedTarget extends RunningTarget {
  runtime: RuntimeRecord;
}

/**
 * Starts a target with its sidecars on the run's runtime: processes, or containers built from
 * their Dockerfiles in the run's network. `serviceEnv` is the services as the host reaches them.
 */
export async function startTarget(
  target: TargetDefinition,
  context: { root: string; pinning: CpuPinning; serviceEnv: Record<string, string> },
  on: RuntimeName = 'process',
  runtime?: ProvidedRuntime,
): Promise<StartedTarget> {
  if (on === 'process') {
    return { ...(await startTargetWithSidecars(target, context)), runtime: { runtime: 'process' } };
  }
  // Only the container runtime needs what the run set up (and a Vitest worker to ask).
  const run = (runtime ?? inject(RUNTIME_KEY))?.container;
  if (!run)
    throw new Error(
      `Target "${target.name}" was to run on the container runtime, but the run set up none: use the vitestLoad plugin with runtime "container", "auto" or "both".`,
    );
  // Checked before anything starts, so that a missing option fails at once.
  const definition = withContainer(target, 'Target');
  const sidecarDefinitions = target.sidecars.map((sidecar) => withContainer(sidecar, 'Sidecar'));
  if (target.build) await buildIfStale(target.build, resolve(context.root, target.cwd ?? '.'));

  const env: Record<string, string> = {};
  for (const variable of Object.keys(context.serviceEnv)) {
    const inNetwork = run.serviceEnv[variable];
    // A service of the user's own (DATABASE_URL given) is passed as it is.
    env[variable] = inNetwork ?? context.serviceEnv[variable]!;
  }
  const pinning = context.pinning;
  const sidecars: RunningContainerTarget[] = [];
  const stopSidecars = async (): Promise<void> => {
    await Promise.all(sidecars.map((sidecar) => sidecar.stop()));
  };
  try {
    for (const sidecar of sidecarDefinitions) {
      const running = await startContainerTarget(sidecar, {
        root: context.root,
        run,
        env: { ...env },
        role: 'Sidecar',
        // Sidecars stand for the world outside, on the load generator's cores, as processes are.
        ...(pinning.pinned ? { cpuset: pinning.loadGeneratorCpus } : {}),
      });
      sidecars.push(running);
      env[sidecar.urlEnv] = running.networkUrl;
    }
    const running = await startContainerTarget(definition, {
      root: context.root,
      run,
      env,
      role: 'Target',
      ...(pinning.pinned ? { cpuset: pinning.targetCpus } : {}),
    });
    const images = { node: run.images.node, ...Object.fromEntries(serviceImages(run, context.serviceEnv)) };
    // What starting on containers cost, beside the figures: image builds are the part that varies.
    const timings = [...sidecars, running].map(
      ({ name, seconds }) =>
        `${name} built in ${seconds.build.toFixed(1)} s, answered ${seconds.start.toFixed(1)} s after its start`,
    );
    console.log(`${target.name} (container): ${timings.join('; ')}`);
    return {
      ...running,
      // Hooks run in this process, so they reach a sidecar at its published port.
      sidecars: sidecarDefinitions.map((definition, index) => ({
        name: definition.name,
        urlEnv: definition.urlEnv,
        url: sidecars[index]!.url,
      })),
      died: Promise.race<ProcessDiedError>([running.died, ...sidecars.map((sidecar) => sidecar.died)]),
      stop: async () => {
        await running.stop();
        await stopSidecars();
      },
      runtime: { runtime: 'container', containers: { images, ...run.limits } },
    };
  } catch (error) {
    await stopSidecars();
    throw error;
  }
}

/** The images of the services this target used. */
function serviceImages(
  run: NonNullable<ProvidedRuntime['container']>,
  serviceEnv: Record<string, string>,
): Array<[string, string]> {
  const used: Array<[string, string]> = [];
  if (serviceEnv.DATABASE_URL !== undefined && run.serviceEnv.DATABASE_URL !== undefined)
    used.push(['postgres', run.images.postgres]);
  if (serviceEnv.REDIS_URL !== undefined && run.serviceEnv.REDIS_URL !== undefined)
    used.push(['redis', run.images.redis]);
  return used;
}
