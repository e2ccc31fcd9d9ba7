import type { TestProject } from 'vitest/node';
import { startServices } from 'vitest-load/services';
import { prepareLabDatabase } from '../../../../fixtures/lab-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Global setup of the contract tests: one PostgreSQL for the run, with the lab's schema and seed. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startServices(['postgres']);
  const databaseUrl = services.env.DATABASE_URL!;
  await prepareLabDatabase(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  return () => services.stop();
}
