import { z } from 'zod';
import type { ContainerDefinition, SidecarDefinition, TargetDefinition } from '../targets/target-definition.ts';
import type { Assert, SameType } from './same-type.ts';
import { durationOption } from './option-values.ts';

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
      .object({
        command: z.string().min(1),
        args: z.array(z.string()).default([]),
        inputs: z.array(z.string()).min(1),
        outputs: z.array(z.string()).min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

const processFields = {
  name: z.string().regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-" (it names the baseline entry)'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  healthPath: z.string().startsWith('/', 'must start with "/"').default('/health'),
  startupTimeout: durationOption.default(30),
  stopGracePeriod: durationOption.default(5),
  /** How it runs on the container runtime (its Dockerfile); see docs/containers.md. */
  container: containerOption.optional(),
};

/** A helper server started before the target, such as a stub of a slow third-party API. */
const sidecarOption = z
  .object({
    ...processFields,
    /** The environment variable that gives the target this sidecar's base URL. */
    urlEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, such as UPSTREAM_URL'),
  })
  .strict();

export const targetOption = z
  .object({
    ...processFields,
    /** Services the target uses; their URLs reach it as DATABASE_URL / REDIS_URL. */
    services: z.array(z.enum(['postgres', 'redis'])).default([]),
    /** Servers started before the target and stopped after it; each URL reaches it in `urlEnv`. */
    sidecars: z.array(sidecarOption).default([]),
    /** Rebuild before starting when an input is newer than the outputs (what makes watch mode rebuild a saved file). */
    build: z
      .object({
        command: z.string().min(1),
        args: z.array(z.string()).default([]),
        inputs: z.array(z.string()).min(1),
        outputs: z.array(z.string()).min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

export type TargetInput = z.input<typeof targetOption>;

// The schemas make exactly the types the targets layer defines.
export type TargetOptionChecks = [
  Assert<SameType<z.output<typeof containerOption>, ContainerDefinition>>,
  Assert<SameType<z.output<typeof sidecarOption>, SidecarDefinition>>,
  Assert<SameType<z.output<typeof targetOption>, TargetDefinition>>,
];
