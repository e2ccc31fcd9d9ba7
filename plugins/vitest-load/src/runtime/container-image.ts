import { resolve } from 'node:path';
import type { ProcessDefinition } from '../suite/options.ts';
import type { ContainerDefinition } from '../suite/container-option.ts';
import type { ContainerRun } from './runtime-context.ts';
import { buildIfStale } from './target-build.ts';
import { loadTestcontainers } from './testcontainers.ts';

/**
 * Builds a target's image with Testcontainers, from its Dockerfile, after filling its context if
 * that is stale. Built every start, as a process target's build is checked every start: with
 * Docker's layer cache an unchanged context costs its upload, and a changed one (a saved file in
 * watch mode) gives a new image.
 */
export async function buildTargetImage(
  definition: ProcessDefinition & { container: ContainerDefinition },
  root: string,
  run: ContainerRun,
  role: string,
): Promise<{ image: string; seconds: number }> {
  const { GenericContainer } = await loadTestcontainers();
  const cwd = resolve(root, definition.cwd ?? '.');
  if (definition.container.prepare) await buildIfStale(definition.container.prepare, cwd);
  const context = resolve(cwd, definition.container.context);
  const image = `vitest-load/target-${definition.name.toLowerCase()}:latest`;
  const started = performance.now();
  try {
    await GenericContainer.fromDockerfile(context, definition.container.dockerfile)
      .withBuildArgs({ NODE_IMAGE: run.images.node, ...definition.container.buildArgs })
      .build(image, { deleteOnExit: false });
  } catch (error) {
    throw new Error(
      `${role} "${definition.name}": building its image failed (Dockerfile ${definition.container.dockerfile} in ${context}, NODE_IMAGE=${run.images.node}): ${(error as Error).message}`,
    );
  }
  return { image, seconds: (performance.now() - started) / 1000 };
}

/** The definition, if it says how to run in a container; else the error that says what to add. */
export function withContainer<T extends ProcessDefinition>(definition: T, role: string): T & { container: ContainerDefinition } {
  if (definition.container) return definition as T & { container: ContainerDefinition };
  throw new Error(
    `${role} "${definition.name}" has no "container" option, so it cannot run on the container runtime: ` +
      'give it one (container: { context, dockerfile, port }; see docs/containers.md), or run with runtime "process".',
  );
}
