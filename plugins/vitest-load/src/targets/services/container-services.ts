import { startAllOrNone } from './start-all-or-none.ts';
import pg from 'pg';
import { usePostgres, useRedis, type PostgresSettings } from './index.ts';
import { startAvailableServices, type ServiceSet } from './index.ts';
import { databaseName, defaultPostgresSettings } from './postgres.ts';
import type { ServiceRequest } from './service-request.ts';
import type { RunningService, ServiceName } from '../service.ts';
import { startLabelledContainer, type RunningContainer } from '../labelled-container.ts';
import { describeStderr } from '../process-died-error.ts';
import type { ContainerRun } from '../runtime-context.ts';
import { waitUntilReady } from '../wait-until-ready.ts';

/** How a service is reached: from the host (hooks, query insight) and from inside the run's network (implementations). */
export interface ContainerServiceSet extends ServiceSet {
  networkEnv: Record<string, string>;
}

/**
 * The services of a run on the container runtime: containers, except those the user runs
 * (DATABASE_URL / REDIS_URL set), which are used as they are. `provide` hands the run, now with
 * the services' URLs inside its network and from the host, to the test workers. With both
 * runtimes side by side, the process runtime's services start too, and they are the set returned.
 */
export async function startServicesOnContainerRuntime(
  request: ServiceRequest,
  run: ContainerRun,
  provide: (run: ContainerRun) => void,
  alsoProcess = false,
): Promise<ServiceSet> {
  const theirs = request.services.filter((name) =>
    name === 'postgres' ? process.env.DATABASE_URL : process.env.REDIS_URL,
  );
  const ours = request.services.filter((name) => !theirs.includes(name));
  // A service that cannot start as a process (or at the user's URL) fails only the targets that use it.
  const external = await startAvailableServices(alsoProcess ? request.services : theirs, process.env, request.options);
  let containers: ContainerServiceSet;
  try {
    containers = await startContainerServices(ours, run, { ...defaultPostgresSettings, ...request.options.postgres });
  } catch (error) {
    await external.stop();
    throw error;
  }
  const onContainers = {
    env: { ...(alsoProcess ? pick(external, theirs) : external.env), ...containers.env },
    descriptions: [
      ...external.descriptions.filter((service) => theirs.includes(service.name) || !alsoProcess),
      ...containers.descriptions,
    ],
    unavailable: external.unavailable.filter((service) => theirs.includes(service.name)),
  };
  provide({ ...run, serviceEnv: containers.networkEnv, services: onContainers });
  if (alsoProcess) {
    return {
      ...external,
      services: [...external.services, ...containers.services],
      stop: async () => void (await Promise.all([external.stop(), containers.stop()])),
    };
  }
  return {
    services: [...external.services, ...containers.services],
    env: { ...external.env, ...containers.env },
    descriptions: [...external.descriptions, ...containers.descriptions],
    unavailable: external.unavailable,
    stop: async () => {
      await Promise.all([external.stop(), containers.stop()]);
    },
  };
}

/** The environment of the named services of a set. */
function pick(set: ServiceSet, names: ServiceName[]): Record<string, string> {
  const variables: string[] = names.map((name) => (name === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL'));
  return Object.fromEntries(Object.entries(set.env).filter(([variable]) => variables.includes(variable)));
}

/**
 * Starts the named services as containers of the run (the images of `run.images`), with the
 * same settings as the embedded ones, so that the two runtimes differ in where they run only.
 */
export async function startContainerServices(
  names: ServiceName[],
  run: ContainerRun,
  postgres: PostgresSettings,
): Promise<ContainerServiceSet> {
  const { services, stop } = await startAllOrNone(
    [...new Set(names)].map((name) =>
      name === 'postgres' ? startPostgresContainer(run, postgres) : startRedisContainer(run),
    ),
  );
  return {
    services,
    env: Object.assign({}, ...services.map((service) => service.env)),
    networkEnv: Object.assign({}, ...services.map((service) => service.networkEnv)),
    descriptions: services.map((service) => service.description),
    stop,
  };
}

type ContainerService = RunningService & { networkEnv: Record<string, string> };

async function startPostgresContainer(run: ContainerRun, settings: PostgresSettings): Promise<ContainerService> {
  const database = databaseName(settings);
  const on = (enabled: boolean): string => (enabled ? 'on' : 'off');
  const container = await startLabelledContainer({
    role: 'Service',
    name: 'postgres',
    image: run.images.postgres,
    env: { POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: database },
    command: [
      'postgres',
      '-c',
      `shared_buffers=${settings.sharedBuffers}`,
      '-c',
      `max_connections=${settings.maxConnections}`,
      '-c',
      `fsync=${on(settings.fsync)}`,
      '-c',
      `synchronous_commit=${on(settings.fsync)}`,
      '-c',
      `full_page_writes=${on(settings.fsync)}`,
      '-c',
      'shared_preload_libraries=pg_stat_statements',
    ],
    port: 5432,
    aliases: ['postgres'],
    run,
    stopGracePeriod: 10,
    // Parallel queries use /dev/shm, which Docker caps at 64 MB by default.
    sharedMemoryMb: 256,
  });
  const url = `postgres://postgres@127.0.0.1:${container.hostPort}/${database}`;
  return ready(
    container,
    'postgres',
    60,
    () => connects(url),
    async () => ({
      ...(await usePostgres(url)),
      env: { DATABASE_URL: url },
      networkEnv: { DATABASE_URL: `postgres://postgres@postgres:5432/${database}` },
    }),
  );
}

async function startRedisContainer(run: ContainerRun): Promise<ContainerService> {
  const container = await startLabelledContainer({
    role: 'Service',
    name: 'redis',
    image: run.images.redis,
    env: {},
    command: ['redis-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'],
    port: 6379,
    aliases: ['redis'],
    run,
    stopGracePeriod: 5,
  });
  const url = `redis://127.0.0.1:${container.hostPort}`;
  return ready(
    container,
    'redis',
    30,
    async () => (await useRedis(url), true),
    async () => ({
      ...(await useRedis(url)),
      env: { REDIS_URL: url },
      networkEnv: { REDIS_URL: 'redis://redis:6379' },
    }),
  );
}

/** Waits until the service answers, describes it, and hands it over; stops it if it never answers. */
async function ready(
  container: RunningContainer,
  name: ServiceName,
  timeoutSeconds: number,
  answers: () => Promise<boolean>,
  describe: () => Promise<Omit<ContainerService, 'died' | 'stop'>>,
): Promise<ContainerService> {
  try {
    const wait = await waitUntilReady(answers, timeoutSeconds, container.exited, 100);
    if (wait !== 'ready') {
      throw new Error(
        `The ${name} container did not answer${wait === 'exited' ? ' (it exited)' : ` within ${timeoutSeconds} s`}.\n${describeStderr(container.outputTail())}`,
      );
    }
    const service = await describe();
    // Started by vitest-load, as the embedded ones are; the runtime field says where.
    return {
      ...service,
      description: { ...service.description, origin: 'embedded' },
      died: container.died,
      stop: container.stop,
    };
  } catch (error) {
    await container.stop();
    throw error;
  }
}

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}
