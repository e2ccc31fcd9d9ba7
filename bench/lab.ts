import type { LoadHookContext } from 'vitest-load';
import { prepareLabDatabase } from '../fixtures/lab-database.ts';

/**
 * The gate of the lab's suites: the plugin's threshold (10%) and, against a stored baseline, a
 * noise floor of 25%. Runs minutes apart on the 2-core development machine moved p95 by −17% …
 * +60% on unchanged code (plugins/vitest-load/docs/baselines.md#noise): drift between runs that rounds within one run
 * cannot see. The same-job A/B (VITEST_LOAD_BASE) uses the plugin's 3% floor, drift cancelling there.
 */
export const labGate = { maxP95Increase: '10%', baselineNoiseFloor: '25%', maxErrorRate: 0 } as const;

/**
 * The lab's load: short rounds on freshly started targets, at least three, up to eight while the
 * verdict is open. Three rounds of 1 s + 2 s keep a full run of the suites within minutes.
 */
export const labLoad = { warmup: '1s', duration: '2s', rounds: { min: 3, max: 8 } } as const;

/** Every suite starts from the same data: schema migrated, users seeded, earlier writes removed. */
export async function prepareDatabase({ env }: LoadHookContext): Promise<void> {
  await prepareLabDatabase(env.DATABASE_URL!);
}

/**
 * What every lab suite shares: the lab's gate and load, prepared data. Each suite names its
 * targets, those serving its scenario (`targetsServing('03')`, bench/targets.ts).
 */
export const labSuite = {
  gate: labGate,
  ...labLoad,
  beforeLoad: prepareDatabase,
} as const;

/**
 * What the lab's `bench.compare()` suites share (each names its targets, those serving its
 * scenario: `targetsServing('09')`): the lab's gate, and
 * shorter loads than labLoad's, since every round loads each variant in turn on the same freshly
 * started target. Each suite adds the `beforeLoad` that prepares its own scenario's data only.
 */
export const variantSuite = {
  gate: labGate,
  warmup: '500ms',
  duration: '1s',
  rounds: { min: 3, max: 6 },
} as const;
