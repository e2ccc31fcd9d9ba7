import type { LoadHookContext } from 'vitest-load';
import { prepareLabDatabase } from '../fixtures/lab-database.ts';
import { allImplementations } from './targets.ts';

/**
 * The gate of the lab's suites. One run against one stored run on the 2-core development
 * machine moved p95 by up to ±22% on unchanged code (docs/baselines.md#noise), so the plugin's
 * default of 10% would cry wolf here about one run in ten. 25% is what a single stored baseline
 * can support until verdicts are judged over rounds with a confidence interval.
 */
export const labGate = { maxP95Increase: '25%', maxErrorRate: 0 } as const;

/** Every suite starts from the same data: schema migrated, users seeded, earlier writes removed. */
export async function prepareDatabase({ env }: LoadHookContext): Promise<void> {
  await prepareLabDatabase(env.DATABASE_URL!);
}

/** What every lab suite shares: both implementations, the lab's gate, prepared data. */
export const labSuite = {
  targets: allImplementations,
  gate: labGate,
  beforeLoad: prepareDatabase,
} as const;
