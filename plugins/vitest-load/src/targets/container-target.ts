import type { ProcessDefinition } from './target-definition.ts';
import type { ContainerDefinition } from './target-definition.ts';
import { buildTargetImage } from './container-image.ts';
import { startLabelledContainer } from './labelled-container.ts';
import { describeStderr, ProcessDiedError } from './process-died-error.ts';
import type { RunningTarget } from './process-target.ts';
import type { ContainerRun } from './runtime-context.ts';
import { answers2xx, waitUntilReady } from './wait-until-ready.ts';

export interface ContainerTargetContext {
  root: string;
  run: ContainerRun;
  /** Environment that points it at its services and sidecars, as seen inside the network. */
  env: Record<string, string>;
  role: 'Target' | 'Sidecar';
  /** Cores it may run on. */
  cpuset?: string;
}

/** A target or sidecar in a container: `url` is its published port on 127.0.0.1, `networkUrl` how the others in the network reach it. */
export interface RunningContainerTarget extends RunningTarget {
  networkUrl: string;
  /** Seconds spent building its image and from its start until its health route answered. */
  seconds: { build: number; start: number };
}

/**
 * Builds the image of a target (or sidecar), starts it in the run's network with PORT and
 * HOST=0.0.0.0, and resolves once its health route answers on the published port.
 */
export async function startContainerTarget(
  definition: ProcessDefinition & { container: ContainerDefinition },
  context: ContainerTargetContext,
): Promise<RunningContainerTarget> {
  const { image, seconds: buildSeconds } = await buildTargetImage(definition, context.root, context.run, context.role);
  const starting = performance.now();
  const port = definition.container.port;
  const container = await startLabelledContainer({
    role: context.role,
    name: definition.name,
    image,
    env: { NODE_ENV: 'production', ...context.env, ...definition.env, PORT: String(port), HOST: '0.0.0.0' },
    port,
    aliases: [definition.name],
    run: context.run,
    ...(context.cpuset ? { cpuset: context.cpuset } : {}),
    stopGracePeriod: definition.stopGracePeriod,
  });
  const url = `http://127.0.0.1:${container.hostPort}`;
  const health = await waitUntilReady(
    () => answers2xx(`${url}${definition.healthPath}`),
    definition.startupTimeout,
    container.exited,
  );
  if (health !== 'ready') {
    const exit = await Promise.race([container.exited, Promise.resolve(undefined)]);
    const output = container.outputTail();
    await container.stop();
    if (health === 'exited' && exit)
      throw new ProcessDiedError(context.role, definition.name, exit, output, 'before its health route answered');
    throw new Error(
      `${context.role} "${definition.name}" did not answer ${definition.healthPath} with a 2xx within ${definition.startupTimeout} s ` +
        `(container of image ${image}, port ${port} published on ${url}).\n${describeStderr(output)}`,
    );
  }
  const seconds = { build: buildSeconds, start: (performance.now() - starting) / 1000 };
  return {
    name: definition.name,
    url,
    networkUrl: `http://${definition.name}:${port}`,
    pid: container.hostPid,
    died: container.died,
    stop: container.stop,
    seconds,
  };
}
