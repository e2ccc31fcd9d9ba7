import { startAllOrNone } from './start-all-or-none.ts';
import { startPostgres, usePostgres, type PostgresSettings } from './postgres.ts';
import { startRedis, useRedis } from './redis.ts';
import type { RunningService, ServiceDescription, ServiceName, UnavailableService } from '../service.ts';

export type { PostgresSettings } from './postgres.ts';
export type { RunningService, ServiceDescription, ServiceName, UnavailableService } from '../service.ts';
export { startPostgres, usePostgres, startRedis, useRedis };

/** The services of a run, started together and stopped together. */
export interface ServiceSet {
  services: RunningService[];
  /** DATABASE_URL, REDIS_URL, ... for every service of the set. */
  env: Record<string, string>;
  descriptions: ServiceDescription[];
  /** Services that could not start (only from `startAvailableServices`). */
  unavailable?: UnavailableService[];
  stop(): Promise<void>;
}

export interface ServiceOptions {
  postgres?: PostgresSettings;
}

/**
 * Starts the named services, or uses the user's own when DATABASE_URL / REDIS_URL are set.
 * If one cannot start, the others are stopped again before the error is thrown.
 */
export async function startServices(
  names: ServiceName[],
  env: NodeJS.ProcessEnv = process.env,
  options: ServiceOptions = {},
): Promise<ServiceSet> {
  const { services, stop } = await startAllOrNone(startEach(names, env, options).map(({ starting }) => starting));
  return setOf(services, stop);
}

/**
 * Starts the named services as `startServices` does, but keeps going when one cannot start: it
 * is listed under `unavailable` with its reason, so that only the targets that use it fail.
 */
export async function startAvailableServices(
  names: ServiceName[],
  env: NodeJS.ProcessEnv = process.env,
  options: ServiceOptions = {},
): Promise<ServiceSet & { unavailable: UnavailableService[] }> {
  const each = startEach(names, env, options);
  const settled = await Promise.allSettled(each.map(({ starting }) => starting));
  const services = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const unavailable = settled.flatMap((outcome, index) =>
    outcome.status === 'rejected' ? [{ name: each[index]!.name, reason: reasonOf(outcome.reason) }] : [],
  );
  const stop = async (): Promise<void> => void (await Promise.all(services.map((service) => service.stop())));
  return { ...setOf(services, stop), unavailable };
}

function startEach(
  names: ServiceName[],
  env: NodeJS.ProcessEnv,
  options: ServiceOptions,
): Array<{ name: ServiceName; starting: Promise<RunningService> }> {
  return [...new Set(names)].map((name) => ({
    name,
    starting:
      name === 'postgres'
        ? env.DATABASE_URL
          ? usePostgres(env.DATABASE_URL)
          : startPostgres(options.postgres)
        : env.REDIS_URL
          ? useRedis(env.REDIS_URL)
          : startRedis('redis-server', env),
  }));
}

function setOf(services: RunningService[], stop: () => Promise<void>): ServiceSet {
  return {
    services,
    env: Object.assign({}, ...services.map((service) => service.env)),
    descriptions: services.map((service) => service.description),
    stop,
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
