import type { TestProject } from 'vitest/node';
import { startServices } from 'vitest-load/services';
import { prepareLoginUsers } from '../../../../fixtures/cache-and-auth.ts';
import { prepareLabDatabase } from '../../../../fixtures/lab-database.ts';
import { prepareProcessImplementations } from './implementation-builds.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

/**
 * Global setup of the contract tests: one PostgreSQL for the run, with the lab's schema and seed,
 * and one Redis (a real redis-server, as the load suites get), for the cache and the sessions.
 * Meanwhile every implementation that runs as a process is checked for its toolchain and built
 * (its lab.json's `build`), once per run; what fails fails only that implementation's tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const builds = prepareProcessImplementations((line) => console.log(`[contract] ${line}`));
  const services = await startServices(['postgres', 'redis']);
  const databaseUrl = services.env.DATABASE_URL!;
  await prepareLabDatabase(databaseUrl);
  await prepareLoginUsers(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', services.env.REDIS_URL!);
  project.provide('implementationProblems', await builds);
  return () => services.stop();
}
