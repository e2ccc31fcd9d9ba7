import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { ProcessDefinition } from './target-definition.ts';
import type { ContainerDefinition } from './target-definition.ts';
import type { ContainerRun } from './runtime-context.ts';
import { buildIfStale, newestChange } from './target-build.ts';
import { loadTestcontainers } from './testcontainers.ts';

/**
 * Builds a target's image with Testcontainers, from its Dockerfile, after filling its context if
 * that is stale. Checked at every start, as a process target's build is: an image newer than
 * every file of its context is used as it is, since even a fully cached build spends seconds
 * hashing the context; a saved file in watch mode or a new context gives a new image. The tag
 * holds a hash of the Dockerfile's name and the build arguments (NODE_IMAGE among them), so
 * that another Node image is another image.
 */
export async function buildTargetImage(
  definition: ProcessDefinition & { container: ContainerDefinition },
  root: string,
  run: ContainerRun,
  role: string,
): Promise<{ image: string; seconds: number }> {
  const { GenericContainer } = await loadTestcontainers();
  const cwd = resolve(root, definition.cwd ?? '.');
  const started = performance.now();
  if (definition.container.prepare) await buildIfStale(definition.container.prepare, cwd);
  const context = resolve(cwd, definition.container.context);
  const buildArgs = { NODE_IMAGE: run.images.node, ...definition.container.buildArgs };
  const tag = createHash('sha256')
    .update(JSON.stringify([context, definition.container.dockerfile, buildArgs]))
    .digest('hex')
    .slice(0, 12);
  const image = `vitest-load/target-${definition.name.toLowerCase()}:${tag}`;
  if (await builtSinceLastChange(image, context)) return { image, seconds: (performance.now() - started) / 1000 };
  try {
    await GenericContainer.fromDockerfile(context, definition.container.dockerfile)
      .withBuildArgs(buildArgs)
      .build(image, { deleteOnExit: false });
  } catch (error) {
    throw new Error(
      `${role} "${definition.name}": building its image failed (Dockerfile ${definition.container.dockerfile} in ${context}, NODE_IMAGE=${run.images.node}): ${(error as Error).message}`,
    );
  }
  return { image, seconds: (performance.now() - started) / 1000 };
}

/** True when the image exists and was built after the last change in its context. */
async function builtSinceLastChange(image: string, context: string): Promise<boolean> {
  const { getContainerRuntimeClient } = await loadTestcontainers();
  const client = await getContainerRuntimeClient();
  const inspected = await client.container.dockerode
    .getImage(image)
    .inspect()
    .catch(() => undefined);
  return inspected !== undefined && Date.parse(inspected.Created) > (await newestChange(context));
}

/** The definition, if it says how to run in a container; else the error that says what to add. */
export function withContainer<T extends ProcessDefinition>(
  definition: T,
  role: string,
): T & { container: ContainerDefinition } {
  if (definition.container) return definition as T & { container: ContainerDefinition };
  throw new Error(
    `${role} "${definition.name}" has no "container" option, so it cannot run on the container runtime: ` +
      'give it one (container: { context, dockerfile, port }; see docs/containers.md), or run with runtime "process".',
  );
}
