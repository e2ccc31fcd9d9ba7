// The set-up every database scenario's contract test shares: its tables prepared, the
// implementations started and, where the tests look into the tables, a client of its own.
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { prepareDatabaseScenarios, type DatabaseScenario } from '../../../../fixtures/database-scenarios.ts';
import type { ScenarioId } from './manifests.ts';
import { implementationsServing, startTargets, stopTargets, type ImplementationName, type Targets } from './targets.ts';

/** SCENARIOS.md's number of each database scenario, as the manifests' `serves` name it. */
export const scenarioIdOf: Record<DatabaseScenario, ScenarioId> = {
  pagination: '09',
  columns: '10',
  'n-plus-one': '11',
  bulk: '12',
  stock: '13',
  aggregation: '18',
  search: '19',
  'flash-sale': 'flash',
};

export interface ScenarioTargetsOptions {
  /** Also open a pg client on the run's database, for tests that read or change the tables. */
  database?: boolean;
  /** Prepare the scenarios again after the file: for those whose tests write (bulk, stock), so the next file starts alike. */
  resetAfter?: boolean;
}

export interface ScenarioTargets {
  /** The implementations that serve the scenarios, for the file's `describe.each`. */
  names: readonly ImplementationName[];
  /** The started implementations; only inside the tests, once beforeAll has run. */
  targets(): Targets;
}

export interface ScenarioTargetsWithDatabase extends ScenarioTargets {
  /** The open pg client; only inside the tests, once beforeAll has run. */
  database(): pg.Client;
}

/** Ready or a clear error: a getter called at module level would otherwise see undefined. */
function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new Error(`${what} is there only inside the tests, once useScenarioTargets' beforeAll has run`);
  return value;
}

/** Registers the beforeAll and afterAll of the file's scenarios and returns getters for what they start. */
export function useScenarioTargets(
  scenarios: readonly DatabaseScenario[],
  options: ScenarioTargetsOptions & { database: true },
): ScenarioTargetsWithDatabase;
export function useScenarioTargets(
  scenarios: readonly DatabaseScenario[],
  options?: ScenarioTargetsOptions,
): ScenarioTargets;
export function useScenarioTargets(
  scenarios: readonly DatabaseScenario[],
  options: ScenarioTargetsOptions = {},
): ScenarioTargetsWithDatabase {
  let targets: Targets | undefined;
  let database: pg.Client | undefined;
  const names = implementationsServing(...scenarios.map((scenario) => scenarioIdOf[scenario]));

  beforeAll(async () => {
    await prepareDatabaseScenarios(inject('databaseUrl'), scenarios);
    targets = await startTargets({}, names);
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
    names,
    targets: () => ready(targets, 'targets()'),
    database: () => ready(database, 'database()'),
  };
}
