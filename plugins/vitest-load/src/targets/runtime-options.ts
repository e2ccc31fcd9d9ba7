import type { ContainerImages, ContainerLimits, RuntimeMode, RuntimeRequest } from './runtime-context.ts';

/** The plugin's options for the runtime (`vitestLoad({ runtime, containers })`). */
export interface RuntimePluginOptions {
  /**
   * `process` (default), `container` (Testcontainers), `auto` (containers when an engine answers)
   * or `both` (every target on each, side by side). VITEST_LOAD_RUNTIME overrides it.
   */
  runtime?: RuntimeMode;
  containers?: {
    /** Image names; VITEST_LOAD_IMAGE_NODE / _POSTGRES / _REDIS override them. */
    images?: Partial<ContainerImages>;
    /** CPUs each container may use (Docker's --cpus), e.g. 1 or 0.5. */
    cpus?: number;
    /** Memory each container may use (Docker's --memory): megabytes, or a string such as "512m" or "1g". */
    memory?: number | string;
  };
}

/** What a user with a registry expects: the official images. */
export const DEFAULT_IMAGES: ContainerImages = {
  node: 'node:20-bookworm-slim',
  postgres: 'postgres:17',
  redis: 'redis:7',
};

const MODES: readonly RuntimeMode[] = ['process', 'container', 'auto', 'both'];

/** Resolves the runtime options and their environment variables; a bad value throws naming the option. */
export function resolveRuntimeRequest(options: RuntimePluginOptions, env: NodeJS.ProcessEnv): RuntimeRequest {
  const fromEnv = env.VITEST_LOAD_RUNTIME;
  let mode: RuntimeMode = 'process';
  let modeSource = 'the default';
  if (fromEnv !== undefined && fromEnv !== '') {
    mode = checkMode(fromEnv, 'VITEST_LOAD_RUNTIME');
    modeSource = `VITEST_LOAD_RUNTIME=${fromEnv}`;
  } else if (options.runtime !== undefined) {
    mode = checkMode(options.runtime, 'vitestLoad({ runtime })');
    modeSource = `runtime: '${options.runtime}'`;
  }
  const containers = options.containers ?? {};
  const images: ContainerImages = {
    node: imageName(env.VITEST_LOAD_IMAGE_NODE, containers.images?.node, DEFAULT_IMAGES.node, 'containers.images.node'),
    postgres: imageName(
      env.VITEST_LOAD_IMAGE_POSTGRES,
      containers.images?.postgres,
      DEFAULT_IMAGES.postgres,
      'containers.images.postgres',
    ),
    redis: imageName(
      env.VITEST_LOAD_IMAGE_REDIS,
      containers.images?.redis,
      DEFAULT_IMAGES.redis,
      'containers.images.redis',
    ),
  };
  const limits: ContainerLimits = {};
  if (containers.cpus !== undefined) {
    if (typeof containers.cpus !== 'number' || !(containers.cpus > 0))
      throw new Error(
        `vitestLoad option "containers.cpus" must be a number of CPUs above 0 (such as 1 or 0.5), got ${JSON.stringify(containers.cpus)}`,
      );
    limits.cpus = containers.cpus;
  }
  if (containers.memory !== undefined) limits.memoryMb = parseMemoryMb(containers.memory);
  return { mode, modeSource, images, limits };
}

function checkMode(value: unknown, option: string): RuntimeMode {
  if (value === 'process,container' || value === 'container,process') return 'both';
  if (typeof value === 'string' && (MODES as readonly string[]).includes(value)) return value as RuntimeMode;
  throw new Error(`${option} must be "process", "container", "auto" or "both", got ${JSON.stringify(value)}`);
}

function imageName(
  fromEnv: string | undefined,
  configured: string | undefined,
  fallback: string,
  option: string,
): string {
  const name = fromEnv || configured || fallback;
  if (!/^[a-z0-9][a-z0-9._\/:@-]*$/i.test(name))
    throw new Error(`vitestLoad option "${option}" is not an image name: ${JSON.stringify(name)}`);
  return name;
}

/** "512m", "1g", "256MB" or a number of megabytes → megabytes. */
export function parseMemoryMb(value: number | string): number {
  if (typeof value === 'number' && value > 0) return value;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([kmg])?i?b?\s*$/i.exec(value) : null;
  if (!match)
    throw new Error(
      `vitestLoad option "containers.memory" must be megabytes or a size such as "512m" or "1g", got ${JSON.stringify(value)}`,
    );
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'm').toLowerCase();
  const mb = unit === 'g' ? amount * 1024 : unit === 'k' ? amount / 1024 : amount;
  if (!(mb >= 6))
    throw new Error(
      `vitestLoad option "containers.memory" is below Docker's minimum of 6 MB: ${JSON.stringify(value)}`,
    );
  return mb;
}
