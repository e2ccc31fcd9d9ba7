import { z } from 'zod';

/**
 * How a target or sidecar runs on the container runtime: the Docker build that makes its image
 * (Testcontainers builds it before each start; Docker's layer cache makes an unchanged build
 * quick) and the port it serves on inside the container.
 */
export const containerOption = z
  .object({
    /** The build context, relative to the target's cwd. */
    context: z.string().min(1),
    /** The Dockerfile, relative to the context. It gets the NODE_IMAGE build argument (the configured Node image). */
    dockerfile: z.string().min(1).default('Dockerfile'),
    buildArgs: z.record(z.string(), z.string()).default({}),
    /** The port it listens on inside the container (it finds it in PORT, with HOST=0.0.0.0). */
    port: z.number().int().min(1).max(65535).default(8080),
    /** Fills the context when an input is newer than the outputs (for example `pnpm deploy`), as `build` does. */
    prepare: z
      .object({ command: z.string().min(1), args: z.array(z.string()).default([]), inputs: z.array(z.string()).min(1), outputs: z.array(z.string()).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type ContainerDefinition = z.output<typeof containerOption>;
