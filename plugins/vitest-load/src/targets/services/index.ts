import { startAllOrNone } from './start-all-or-none.ts';
import { startPostgres, usePostgres, type PostgresSettings } from './postgres.ts';
import { startRedis, useRedis } from './redis.ts';
import type { RunningService, ServiceDescription, ServiceName } from '../service.ts';

export type { PostgresSettings } from './postgres.ts';
export type { RunningService, ServiceDescription, ServiceName } from '../service.ts';
export { startPostgres, usePostgres, startRedis, useRedis };

/** The services of a run, started together and stopped together. */
export interface ServiceSet {
  services: RunningService[];
  /** DATABASE_URL, REDIS_URL, ... for every service of the set. */
  env: Record<string, string>;
  descriptions: ServiceDescription[];
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
  const starting = [...new Set(names)].map((name) => {
    if (name === 'postgres') return env.DATABASE_URL ? usePostgres(env.DATABASE_URL) : startPostgres(options.postgres);
    return env.REDIS_URL ? useRedis(env.REDIS_URL) : startRedis('redis-server', env);
  });
  const { services, stop } = await startAllOrNone(starting);
  return {
    services,
    env: Object.assign({}, ...services.map((service) => service.env)),
    descriptions: services.map((service) => service.description),
    stop,
  };
}
