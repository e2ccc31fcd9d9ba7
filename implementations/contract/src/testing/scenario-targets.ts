// The set-up every database scenario's contract test shares: its tables prepared, the
// implementations started and, where the tests look into the tables, a client of its own.
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { prepareDatabaseScenarios, type DatabaseScenario } from '../../../../fixtures/database-scenarios.ts';
import { startTargets, stopTargets, type Targets } from './targets.ts';

export interface ScenarioTargetsOptions {
  /** Also open a pg client on the run's database, for tests that read or change the tables. */
  database?: boolean;
  /** Prepare the scenarios again after the file: for those whose tests write (bulk, stock), so the next file starts alike. */
  resetAfter?: boolean;
}

export interface ScenarioTargets {
  /** The started implementations; only inside the tests, once beforeAll has run. */
  targets(): Targets;
}

export interface ScenarioTargetsWithDatabase extends ScenarioTargets {
  /** The open pg client; only inside the tests, once beforeAll has run. */
  database(): pg.Client;
}

/** Ready or a clear error: a getter called at module level would otherwise see undefined. */
function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is there only inside the tests, once useScenarioTargets' beforeAll has run`);
  return value;
}

/** Registers the beforeAll and afterAll of the file's scenarios and returns getters for what they start. */
export function useScenarioTargets(
  scenarios: readonly DatabaseScenario[],
  options: ScenarioTargetsOptions & { database: true },
): ScenarioTargetsWithDatabase;
export function useScenarioTargets(scenarios: readonly DatabaseScenario[], options?: ScenarioTargetsOptions): ScenarioTargets;
export function useScenarioTargets(scenarios: readonly DatabaseScenario[], options: ScenarioTargetsOptions = {}): ScenarioTargetsWithDatabase {
  let targets: Targets | undefined;
  let database: pg.Client | undefined;

  beforeAll(async () => {
    await prepareDatabaseScenarios(inject('databaseUrl'), scenarios);
    targets = await startTargets();
    if (options.database) {
      database = new pg.Client({ connectionString: inject('databaseUrl') });
      await database.connect();
    }
  }, 120_000);

  afterAll(async () => {
    await stopTargets(targets);
    await database?.end();
    if (options.resetAfter) await prepareDatabaseScenarios(inject('databaseUrl'), scenarios);
  });

  return {
    targets: () => ready(targets, 'targets()'),
    database: () => ready(database, 'database()'),
  };
}
