import { z } from 'zod';
import type { CompareSuiteOptions, LoadSuiteOptions, TargetsComparisonOptions } from '../run/suite-options.ts';
import type { AfterLoadContext, LoadHookContext } from '../run/hooks.ts';
import type { Expectation } from '../verdict/gate.ts';
import { gateOption, roundsOption } from './gate-options.ts';
import { faultOption, recoveryOption, requestOption, stageOption } from './load-options.ts';
import { checkCommon, normaliseLoad } from './option-checks.ts';
import { durationOption, hook } from './option-values.ts';
import { LOAD_ENGINES } from '../load/load-engine.ts';
import type { Assert, SameType } from './same-type.ts';
import { targetOption } from './target-options.ts';

export { targetOption, type TargetInput } from './target-options.ts';

/** What every suite has, whatever it loads: targets, the load's shape, rounds, gate, hooks. */
const commonFields = {
  targets: z.array(targetOption).min(1, 'name at least one target'),
  /** Closed model: this many connections, each sending its next request when the last is answered. Open model: the most connections it may open. */
  connections: z.number().int().min(1).max(10_000).optional(),
  /**
   * Open model: requests per second arriving on a fixed schedule, whatever the target does;
   * latency counts from each request's scheduled time, so a stall cannot hide.
   */
  rate: z.number().positive().max(1_000_000).optional(),
  /** Load in stages: rates over time (open model) or connections over time (closed model); the measured round lasts their sum. */
  stages: z.array(stageOption).min(1).optional(),
  /**
   * What sends the load: the plugin's own generator, or the vegeta binary (steady loads only;
   * docs/engines.md). VITEST_LOAD_ENGINE overrides it for a run.
   */
  engine: z.enum(LOAD_ENGINES).default('built-in'),
  /** Faults during the measured load: a service stopped and started again, or a suite's own start/end hooks. */
  faults: z.array(faultOption).optional(),
  /** The rule that decides when latency has recovered after a raised stage or a fault. */
  recovery: recoveryOption.prefault({}),
  warmup: durationOption.default(1),
  /** Length of one measured round. */
  duration: durationOption.default(3),
  /** Measured rounds, each on a freshly started and warmed-up target: at least min, more while the verdict is inconclusive, at most max. */
  rounds: roundsOption.default({ min: 3, max: 10 }),
  /** Per-request timeout; a request slower than this counts as a timeout. */
  timeout: durationOption.default(10),
  gate: gateOption.prefault({}),
  /**
   * After the judged rounds, one more round with the target's CPU profiled (Node targets; docs/profiles.md).
   * It never counts for the verdict. VITEST_LOAD_PROFILE=1 asks for it on every suite of a run.
   */
  profile: z.boolean().default(false),
  /** Runs once the target is up, before each warm-up: reset tables, prepare data. */
  beforeLoad: hook<LoadHookContext>().optional(),
  /** Runs after each measured load: check the data the load left; a throw fails the test. */
  afterLoad: hook<AfterLoadContext>().optional(),
};

export const loadSuiteOptions = z
  .object({ ...commonFields, request: requestOption.optional(), requests: z.array(requestOption).min(1).optional() })
  .strict()
  .superRefine((options, ctx) => {
    if (!options.request === !options.requests) {
      ctx.addIssue({
        code: 'custom',
        path: ['request'],
        message: 'give either "request" or "requests", exactly one of them',
      });
    }
    checkCommon(options, ctx);
  })
  .transform(({ request, requests, ...rest }) => ({
    ...normaliseLoad(rest),
    requests: requests ?? (request ? [request] : []),
  }));

/** One variant of a scenario compared in one run: what it sends. */
const variantOption = z
  .object({
    request: requestOption.optional(),
    requests: z.array(requestOption).min(1).optional(),
    /**
     * Measured first in every round, on the freshly started target, with no warm-up before it
     * (nor any other variant's): what the first requests after a start cost.
     */
    cold: z.boolean().default(false),
  })
  .strict()
  .superRefine((variant, ctx) => {
    if (!variant.request === !variant.requests)
      ctx.addIssue({
        code: 'custom',
        path: ['request'],
        message: 'give either "request" or "requests", exactly one of them',
      });
  });

/** "`faster` is at least `by` times faster than `than` in `figure`": checked every time the suite runs. */
const expectationOption = z
  .object({
    faster: z.string().min(1),
    than: z.string().min(1),
    by: z.number().min(1).max(1_000_000).default(1),
    figure: z.enum(['p50', 'p95', 'p99']).default('p95'),
  })
  .strict();

export const compareSuiteOptions = z
  .object({
    ...commonFields,
    /** The variants, measured side by side on the same target in every round. */
    variants: z.record(
      z
        .string()
        .regex(
          /^[\w .:/-]+$/,
          'use letters, digits, spaces, ".", ":", "/", "_" or "-" (it names results and baseline entries)',
        ),
      variantOption,
    ),
    /** Claims the measurement must not contradict. */
    expect: z.array(expectationOption).default([]),
  })
  .strict()
  .superRefine((options, ctx) => {
    checkCommon(options, ctx);
    const names = Object.keys(options.variants);
    if (names.length < 2)
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'name at least two variants to compare' });
    const cold = names.filter((name) => options.variants[name]!.cold);
    if (cold.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['variants', cold[1]!, 'cold'],
        message: `only one variant can be measured cold, first after the start; "${cold[0]}" already is`,
      });
    if (cold.length === names.length)
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: 'a cold variant is compared with a warm one: leave at least one variant without "cold"',
      });
    checkClaims(options.expect, names, 'variants', ctx);
  })
  .transform(({ variants, ...rest }) => ({
    ...normaliseLoad(rest),
    variants: Object.entries(variants).map(([name, variant]) => ({
      name,
      cold: variant.cold,
      requests: variant.requests ?? (variant.request ? [variant.request] : []),
    })),
  }));

/** Claims name things that exist: each `faster` and `than` must be one of `names`. */
function checkClaims(
  expect: Array<{ faster: string; than: string }>,
  names: string[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  expect.forEach((expectation, index) => {
    for (const field of ['faster', 'than'] as const) {
      if (!names.includes(expectation[field])) {
        ctx.addIssue({
          code: 'custom',
          path: ['expect', index, field],
          message: `"${expectation[field]}" is not one of the ${what} (${names.join(', ')})`,
        });
      }
    }
  });
}

export const compareTargetsOptions = z
  .object({
    ...commonFields,
    request: requestOption.optional(),
    requests: z.array(requestOption).min(1).optional(),
    /** Claims between targets ("fastify at least 1.5x faster than express in p50"), judged on per-round ratios. */
    expect: z.array(expectationOption).default([]),
  })
  .strict()
  .superRefine((options, ctx) => {
    if (!options.request === !options.requests) {
      ctx.addIssue({
        code: 'custom',
        path: ['request'],
        message: 'give either "request" or "requests", exactly one of them',
      });
    }
    checkCommon(options, ctx);
    if (options.targets.length < 2)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'name at least two targets to compare' });
    checkClaims(
      options.expect,
      options.targets.map((target) => target.name),
      'targets',
      ctx,
    );
  })
  .transform(({ request, requests, ...rest }) => ({
    ...normaliseLoad(rest),
    requests: requests ?? (request ? [request] : []),
    acrossTargets: true as const,
  }));

export type LoadSuiteInput = z.input<typeof loadSuiteOptions>;
export type CompareTargetsInput = z.input<typeof compareTargetsOptions>;
type LoadSuiteOutput = z.output<typeof loadSuiteOptions>;
export type CompareSuiteInput = z.input<typeof compareSuiteOptions>;
type CompareSuiteOutput = z.output<typeof compareSuiteOptions>;

// The parsed options are exactly what the run layer takes.
export type SuiteOptionChecks = [
  Assert<SameType<LoadSuiteOutput, LoadSuiteOptions>>,
  Assert<SameType<CompareSuiteOutput, CompareSuiteOptions>>,
  Assert<SameType<z.output<typeof compareTargetsOptions>, TargetsComparisonOptions>>,
  Assert<SameType<z.output<typeof expectationOption>, Expectation>>,
];

/** Thrown for a mistake in a suite's options; the message names each option that is wrong. */
export class LoadOptionsError extends Error {
  override name = 'LoadOptionsError';
}

export function parseLoadSuiteOptions(suiteName: string, input: unknown): LoadSuiteOptions {
  return parseOptions(loadSuiteOptions, `bench.load("${suiteName}")`, input);
}

export function parseCompareTargetsOptions(suiteName: string, input: unknown): TargetsComparisonOptions {
  return parseOptions(compareTargetsOptions, `bench.compareTargets("${suiteName}")`, input);
}

export function parseCompareSuiteOptions(suiteName: string, input: unknown): CompareSuiteOptions {
  return parseOptions(compareSuiteOptions, `bench.compare("${suiteName}")`, input);
}

function parseOptions<Schema extends z.ZodType>(schema: Schema, call: string, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `  - option "${formatPath([...issue.path, key])}" is not a known option`)
      : [`  - option "${formatPath(issue.path)}": ${issue.message}`],
  );
  throw new LoadOptionsError(`${call} has invalid options:\n${problems.join('\n')}`);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(options)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
