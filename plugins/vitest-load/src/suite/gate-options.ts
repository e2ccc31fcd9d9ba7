import { z } from 'zod';
import type { Gate } from '../verdict/gate.ts';
import type { Assert, SameType } from './same-type.ts';
import { durationOption, fractionOption } from './option-values.ts';

/**
 * The leak check: the floor of the target's RSS (its minimum after collections) must not keep
 * growing faster than `maxGrowthMbPerMinute`; growth below `minGrowthMb` over the judged part
 * of the load never fails. `settle` leaves out the start of each measured load.
 */
const leakOption = z
  .object({
    maxGrowthMbPerMinute: z.number().positive(),
    minGrowthMb: z.number().nonnegative().default(10),
    settle: durationOption.optional(),
  })
  .strict();

export const gateOption = z
  .object({
    /** Largest accepted rise of p95 against the baseline. */
    maxP95Increase: fractionOption.default(0.1),
    /**
     * Largest accepted rise of the target's CPU time per request, judged with the same interval
     * and floors as p95 (docs/verdicts.md#cost-per-request); by default maxP95Increase's;
     * false leaves it reported only.
     */
    maxCpuIncrease: z.union([fractionOption, z.literal(false)]).optional(),
    /**
     * The smallest rise the run must be able to see: rounds continue (up to rounds.max) until the
     * detectable change of p95 and CPU per request is at most this; a run that cannot get there
     * says so with the figure it reached. Absent: no such demand.
     */
    detect: fractionOption.optional(),
    /** Statements per request more than the baseline or base ran: 'fail' (also in CI, counts are not timings) or 'off'. */
    statements: z.enum(['fail', 'off']).default('fail'),
    /**
     * Same-job A/B: base and head run side by side in every round and the load alternates between
     * them in slices of this length, so that the machine's drift cancels within seconds, not
     * minutes (docs/verdicts.md#duet). false: whole rounds one side after the other (ABBA).
     */
    duet: z.union([durationOption, z.literal(false)]).default(0.5),
    /** Absolute budget: p95 must stay under this many milliseconds. */
    maxP95Ms: z.number().positive().optional(),
    /** Absolute budget: p99 must stay under this many milliseconds. */
    maxP99Ms: z.number().positive().optional(),
    /** Largest accepted share of failed requests (transport errors, timeouts, unexpected statuses). */
    maxErrorRate: fractionOption.default(0),
    /**
     * A p95 rise this small is noise and never fails, when head and base are measured side by
     * side in the same job (VITEST_LOAD_BASE). Measured here: ~3% between identical runs.
     */
    noiseFloor: fractionOption.default(0.03),
    /**
     * The same against a stored baseline, measured at another time: machines drift between runs
     * (on a shared 2-core VM by 20% and more within minutes), which no number of rounds removes.
     */
    baselineNoiseFloor: fractionOption.default(0.1),
    /** Confidence of the interval on the change. */
    confidence: z.number().min(0.5).max(0.999).default(0.95),
    /** What an inconclusive verdict does once the rounds are spent: warn (pass with a warning) or fail. */
    inconclusive: z.enum(['warn', 'fail']).default('warn'),
    /** A leak check on the target's resident memory over each measured load; see docs/suite-options.md#leak-check. */
    leak: leakOption.optional(),
    /** Budget: after a stage that raised the load, and after each fault, latency must be back within this many seconds (see docs/faults.md). */
    maxRecoverySeconds: z.number().nonnegative().optional(),
    /** Budget: p95 of the failed responses during a fault, in ms: a target that answers errors fast instead of hanging stays under it. */
    maxFaultErrorP95Ms: z.number().positive().optional(),
  })
  .strict();

/** A measured round count: a number for exactly that many, or a range that stops early once the verdict is clear. */
export const roundsOption = z
  .union([
    z
      .number()
      .int()
      .min(1)
      .max(100)
      .transform((rounds) => ({ min: rounds, max: rounds })),
    z.object({ min: z.number().int().min(1).max(100), max: z.number().int().min(1).max(100) }).strict(),
  ])
  .refine((rounds) => rounds.min <= rounds.max, 'min must not be above max');

export type GateOptionChecks = [Assert<SameType<z.output<typeof gateOption>, Gate>>];
