import { z } from 'zod';
import { containerOption } from './container-option.ts';
import { parseDurationSeconds, parseFraction } from './duration.ts';

const durationOption = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const seconds = parseDurationSeconds(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected seconds as a number or a string like "3s" or "500ms", got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return seconds;
  });

const fractionOption = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const fraction = parseFraction(value);
    if (fraction === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a fraction such as 0.1 or a percentage such as "10%", got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return fraction;
  });

const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A value, or a function called for every request to vary it (a random existing id, say). */
const perRequestFunction = z.custom<() => unknown>((value) => typeof value === 'function');

const requestOption = z
  .object({
    /** Names this kind of request in the per-request results of a mix. Default: "METHOD path". */
    name: z.string().min(1).optional(),
    method: httpMethod.default('GET'),
    path: z.union([z.string().startsWith('/', 'must start with "/"'), perRequestFunction]),
    headers: z.record(z.string(), z.string()).default({}),
    /** A string or Buffer is sent as is; anything else as JSON with a JSON content type; a function gives one per request. */
    body: z.unknown().optional(),
    /** Status codes that count as success; any other status counts as an error. Default: any 2xx. */
    expectStatus: z.array(z.number().int().min(100).max(599)).min(1).optional(),
    /** Share of this request in a mix, relative to the others' weights. */
    weight: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

const processFields = {
  name: z.string().regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-" (it names the baseline entry)'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  healthPath: z.string().startsWith('/', 'must start with "/"').default('/health'),
  startupTimeout: durationOption.default(30),
  stopGracePeriod: durationOption.default(5),
  /** How it runs on the container runtime (its Dockerfile); see docs/containers.md. */
  container: containerOption.optional(),
};

/** A helper server started before the target, such as a stub of a slow third-party API. */
const sidecarOption = z
  .object({
    ...processFields,
    /** The environment variable that gives the target this sidecar's base URL. */
    urlEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, such as UPSTREAM_URL'),
  })
  .strict();

export const targetOption = z
  .object({
    ...processFields,
    /** Services the target uses; their URLs reach it as DATABASE_URL / REDIS_URL. */
    services: z.array(z.enum(['postgres', 'redis'])).default([]),
    /** Servers started before the target and stopped after it; each URL reaches it in `urlEnv`. */
    sidecars: z.array(sidecarOption).default([]),
    /** Rebuild before starting when an input is newer than the outputs (what makes watch mode rebuild a saved file). */
    build: z
      .object({ command: z.string().min(1), args: z.array(z.string()).default([]), inputs: z.array(z.string()).min(1), outputs: z.array(z.string()).min(1) })
      .strict()
      .optional(),
  })
  .strict();

/** What a suite's hooks are given. */
export interface LoadHookContext {
  scenario: string;
  target: string;
  /** The variant about to be (or just) loaded, in a `bench.compare()` suite. */
  variant?: string;
  /** Base URL of the running target. */
  url: string;
  /**
   * The service URLs the target got (DATABASE_URL, REDIS_URL), and each sidecar's base URL under
   * its `urlEnv` (UPSTREAM_URL), as this process reaches them: a hook can prepare a sidecar too.
   */
  env: Record<string, string>;
}

/**
 * What `afterLoad` is given: the measured result and, apart, what the warm-up did. In a
 * `bench.compare()` suite every variant is warmed up before any is measured, with `beforeLoad`
 * run again before each measured load, so there `warmup` is undefined: the data holds the
 * measured load's effects alone.
 */
export interface AfterLoadContext extends LoadHookContext {
  result: import('../measure/load-result.ts').LoadResult;
  warmup: import('../measure/load-result.ts').LoadResult | undefined;
}

const hook = <T>() => z.custom<(context: T) => unknown>((value) => typeof value === 'function', 'must be a function');

const gateOption = z
  .object({
    /** Largest accepted rise of p95 against the baseline. */
    maxP95Increase: fractionOption.default(0.1),
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
  })
  .strict();

/** A measured round count: a number for exactly that many, or a range that stops early once the verdict is clear. */
const roundsOption = z
  .union([z.number().int().min(1).max(100).transform((rounds) => ({ min: rounds, max: rounds })), z.object({ min: z.number().int().min(1).max(100), max: z.number().int().min(1).max(100) }).strict()])
  .refine((rounds) => rounds.min <= rounds.max, 'min must not be above max');

/** One stage of an open-model load: this arrival rate for this long. */
const stageOption = z.object({ duration: durationOption, rate: z.number().positive().max(1_000_000) }).strict();

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
  /** Open model in stages (rates over time); the measured round lasts their sum. */
  stages: z.array(stageOption).min(1).optional(),
  warmup: durationOption.default(1),
  /** Length of one measured round. */
  duration: durationOption.default(3),
  /** Measured rounds, each on a freshly started and warmed-up target: at least min, more while the verdict is inconclusive, at most max. */
  rounds: roundsOption.default({ min: 3, max: 10 }),
  /** Per-request timeout; a request slower than this counts as a timeout. */
  timeout: durationOption.default(10),
  gate: gateOption.prefault({}),
  /** Runs once the target is up, before each warm-up: reset tables, prepare data. */
  beforeLoad: hook<LoadHookContext>().optional(),
  /** Runs after each measured load: check the data the load left; a throw fails the test. */
  afterLoad: hook<AfterLoadContext>().optional(),
};

type CommonInput = { duration: number; rate?: number | undefined; stages?: Array<{ duration: number; rate: number }> | undefined; targets: Array<{ name: string }> };

function checkCommon(options: CommonInput, ctx: z.RefinementCtx): void {
  if (options.duration <= 0) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'must be longer than 0 seconds' });
  if (options.rate !== undefined && options.stages !== undefined) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'give either "rate" or "stages", not both' });
  options.stages?.forEach((stage, index) => {
    if (stage.duration <= 0) ctx.addIssue({ code: 'custom', path: ['stages', index, 'duration'], message: 'must be longer than 0 seconds' });
  });
  const names = options.targets.map((target) => target.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) ctx.addIssue({ code: 'custom', path: ['targets'], message: `two targets are named "${duplicate}"` });
}

/** The load's shape made explicit: an open model's stages, its connections, a round's length. */
function normaliseLoad<T extends { connections?: number | undefined; rate?: number | undefined; stages?: LoadStage[] | undefined; duration: number }>({ connections, rate, stages, duration, ...rest }: T) {
  const openStages = stages ?? (rate === undefined ? undefined : [{ duration, rate }]);
  return {
    ...rest,
    // An open model needs room for the requests that queue up while the target is slow.
    connections: connections ?? (openStages ? 100 : 10),
    duration: openStages ? openStages.reduce((sum, stage) => sum + stage.duration, 0) : duration,
    ...(openStages ? { stages: openStages } : {}),
  };
}

export const loadSuiteOptions = z
  .object({ ...commonFields, request: requestOption.optional(), requests: z.array(requestOption).min(1).optional() })
  .strict()
  .superRefine((options, ctx) => {
    if (!options.request === !options.requests) {
      ctx.addIssue({ code: 'custom', path: ['request'], message: 'give either "request" or "requests", exactly one of them' });
    }
    checkCommon(options, ctx);
  })
  .transform(({ request, requests, ...rest }) => ({ ...normaliseLoad(rest), requests: requests ?? (request ? [request] : []) }));

/** One variant of a scenario compared in one run: what it sends. */
const variantOption = z
  .object({ request: requestOption.optional(), requests: z.array(requestOption).min(1).optional() })
  .strict()
  .superRefine((variant, ctx) => {
    if (!variant.request === !variant.requests) ctx.addIssue({ code: 'custom', path: ['request'], message: 'give either "request" or "requests", exactly one of them' });
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
    variants: z.record(z.string().regex(/^[\w .:/-]+$/, 'use letters, digits, spaces, ".", ":", "/", "_" or "-" (it names results and baseline entries)'), variantOption),
    /** Claims the measurement must not contradict. */
    expect: z.array(expectationOption).default([]),
  })
  .strict()
  .superRefine((options, ctx) => {
    checkCommon(options, ctx);
    const names = Object.keys(options.variants);
    if (names.length < 2) ctx.addIssue({ code: 'custom', path: ['variants'], message: 'name at least two variants to compare' });
    options.expect.forEach((expectation, index) => {
      for (const field of ['faster', 'than'] as const) {
        if (!names.includes(expectation[field])) {
          ctx.addIssue({ code: 'custom', path: ['expect', index, field], message: `"${expectation[field]}" is not one of the variants (${names.join(', ')})` });
        }
      }
    });
  })
  .transform(({ variants, ...rest }) => ({
    ...normaliseLoad(rest),
    variants: Object.entries(variants).map(([name, variant]) => ({ name, requests: variant.requests ?? (variant.request ? [variant.request] : []) })),
  }));

export type LoadSuiteInput = z.input<typeof loadSuiteOptions>;
export type LoadSuiteOptions = z.output<typeof loadSuiteOptions>;
export type CompareSuiteInput = z.input<typeof compareSuiteOptions>;
export type CompareSuiteOptions = z.output<typeof compareSuiteOptions>;
export type Expectation = CompareSuiteOptions['expect'][number];
export type TargetInput = z.input<typeof targetOption>;
export type TargetDefinition = z.output<typeof targetOption>;
export type SidecarDefinition = z.output<typeof sidecarOption>;
/** What the process runtime needs of a target or a sidecar. */
export type ProcessDefinition = Omit<TargetDefinition, 'services' | 'sidecars'>;
export type LoadRequest = LoadSuiteOptions['requests'][number];
export type Gate = LoadSuiteOptions['gate'];
export type LoadStage = z.output<typeof stageOption>;

/** Thrown for a mistake in a suite's options; the message names each option that is wrong. */
export class LoadOptionsError extends Error {
  override name = 'LoadOptionsError';
}

export function parseLoadSuiteOptions(suiteName: string, input: unknown): LoadSuiteOptions {
  return parseOptions(loadSuiteOptions, `bench.load("${suiteName}")`, input);
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
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
