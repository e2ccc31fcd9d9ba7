import { z } from 'zod';
import { containerOption } from './container-option.ts';
import { parseDurationSeconds, parseFraction } from './duration.ts';
import { defaultSettleSeconds, MIN_JUDGED_SECONDS } from '../measure/memory-trend.ts';

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
  /** The service and sidecar URLs the target got (DATABASE_URL, REDIS_URL, each sidecar's `urlEnv`). */
  env: Record<string, string>;
  /** Base URL of each sidecar, by name, as this process reaches it (to tell a stub upstream to stall, say). */
  sidecars: Record<string, string>;
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

const gateOption = z
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
const roundsOption = z
  .union([z.number().int().min(1).max(100).transform((rounds) => ({ min: rounds, max: rounds })), z.object({ min: z.number().int().min(1).max(100), max: z.number().int().min(1).max(100) }).strict()])
  .refine((rounds) => rounds.min <= rounds.max, 'min must not be above max');

/**
 * One stage of a load: this arrival rate (open model) or this many connections (closed model)
 * for this long. A stage list is one model or the other; `checkStages` says which field is wrong.
 */
const stageOption = z
  .object({ duration: durationOption, rate: z.number().positive().max(1_000_000).optional(), connections: z.number().int().min(1).max(10_000).optional() })
  .strict();

/** When a fault starts and how long it lasts, measured from the start of the measured load. */
const faultTiming = { at: durationOption, duration: durationOption };

/**
 * A fault: `{ service, at, duration }` stops a service the plugin started at `at` and starts it
 * again (same port, same data) `duration` later; `{ name, at, duration, start, end }` calls the
 * suite's own hooks instead (tell a stub upstream to stall, say). One object with a check rather
 * than a union, so that a mistake names the field rather than "invalid input".
 */
const faultOption = z
  .object({
    service: z.enum(['postgres', 'redis']).optional(),
    name: z.string().min(1).optional(),
    ...faultTiming,
    start: hook<LoadHookContext>().optional(),
    end: hook<LoadHookContext>().optional(),
  })
  .strict()
  .superRefine((fault, ctx) => {
    if (fault.service !== undefined) {
      for (const field of ['start', 'end'] as const) {
        if (fault[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `a service fault stops and starts "${fault.service}" itself; give "${field}" only in a fault of your own ({ name, at, duration, start, end })` });
      }
      return;
    }
    for (const field of ['name', 'start', 'end'] as const) {
      if (fault[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'give "service" (\'postgres\' or \'redis\'), or "name", "start" and "end" for a fault of your own' });
    }
  })
  .transform((fault): FaultDefinition =>
    fault.service !== undefined
      ? { kind: 'service', service: fault.service, name: `${fault.service} stopped`, at: fault.at, duration: fault.duration }
      : { kind: 'hooks', name: fault.name!, at: fault.at, duration: fault.duration, start: fault.start!, end: fault.end! },
  );

/** How recovery is judged: a window is healthy when it had no errors and its p95 was within `factor` of the reference p95 (plus 1 ms); recovered after `windows` healthy windows in a row. */
const recoveryOption = z
  .object({ factor: z.number().min(1).max(100).default(2), windows: z.number().int().min(1).max(100).default(5) })
  .strict();

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
  /** Runs once the target is up, before each warm-up: reset tables, prepare data. */
  beforeLoad: hook<LoadHookContext>().optional(),
  /** Runs after each measured load: check the data the load left; a throw fails the test. */
  afterLoad: hook<AfterLoadContext>().optional(),
};

type StageInput = { duration: number; rate?: number | undefined; connections?: number | undefined };
type FaultInput = { at: number; duration: number };
type CommonInput = {
  duration: number;
  rate?: number | undefined;
  connections?: number | undefined;
  stages?: StageInput[] | undefined;
  faults?: FaultInput[] | undefined;
  targets: Array<{ name: string }>;
  gate: { leak?: { settle?: number | undefined } | undefined };
};

function checkCommon(options: CommonInput, ctx: z.RefinementCtx): void {
  if (options.duration <= 0) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'must be longer than 0 seconds' });
  if (options.rate !== undefined && options.stages !== undefined) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'give either "rate" or "stages", not both' });
  if (options.stages) checkStages(options.stages, options, ctx);
  if (options.faults) checkFaults(options.faults, loadSeconds(options), ctx);
  checkLeakSpan(options, ctx);
  const names = options.targets.map((target) => target.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) ctx.addIssue({ code: 'custom', path: ['targets'], message: `two targets are named "${duplicate}"` });
}

/** A leak check needs a judged part of the load long enough to tell a trend from a few collections. */
function checkLeakSpan(options: CommonInput, ctx: z.RefinementCtx): void {
  const leak = options.gate.leak;
  if (!leak) return;
  const duration = loadSeconds(options);
  const settle = leak.settle ?? defaultSettleSeconds(duration);
  if (duration - settle < MIN_JUDGED_SECONDS) {
    ctx.addIssue({
      code: 'custom',
      path: ['gate', 'leak'],
      message: `a measured load of ${duration} s leaves ${Math.max(0, duration - settle)} s after the settle period of ${settle} s; the leak check needs at least ${MIN_JUDGED_SECONDS} s: make "duration" longer or "gate.leak.settle" shorter`,
    });
  }
}

/** Every stage gives "rate" (open model) or every stage gives "connections" (closed model); the first stage decides which. */
export function checkStages(stages: StageInput[], options: { connections?: number | undefined }, ctx: z.RefinementCtx): void {
  const first = stages[0];
  const model = first?.rate !== undefined ? 'rate' : first?.connections !== undefined ? 'connections' : undefined;
  stages.forEach((stage, index) => {
    if (stage.duration <= 0) ctx.addIssue({ code: 'custom', path: ['stages', index, 'duration'], message: 'must be longer than 0 seconds' });
    if (stage.rate !== undefined && stage.connections !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['stages', index, 'connections'], message: 'a stage gives "rate" (open model) or "connections" (closed model), not both' });
    } else if (stage.rate === undefined && stage.connections === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stages', index], message: 'give "rate" (requests per second, open model) or "connections" (closed model)' });
    } else if (model !== undefined && stage[model] === undefined) {
      const other = model === 'rate' ? 'connections' : 'rate';
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, other],
        message: `the stages are ${model === 'rate' ? 'an open model (stages[0] gives "rate")' : 'a closed model (stages[0] gives "connections")'}: give "${model}" in every stage, not "${other}"`,
      });
    }
  });
  if (model === 'connections' && options.connections !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['connections'], message: 'give either "connections" or stages with "connections", not both' });
  }
}

/** Each fault starts after the load began, ends before it ends (recovery needs time to show), and does not overlap another. */
function checkFaults(faults: FaultInput[], seconds: number, ctx: z.RefinementCtx): void {
  const sorted = faults.map((fault, index) => ({ fault, index })).sort((a, b) => a.fault.at - b.fault.at);
  sorted.forEach(({ fault, index }, position) => {
    if (fault.at <= 0) ctx.addIssue({ code: 'custom', path: ['faults', index, 'at'], message: 'must be after the load starts (> 0 s), so that there is a "before" to recover to' });
    if (fault.duration <= 0) ctx.addIssue({ code: 'custom', path: ['faults', index, 'duration'], message: 'must be longer than 0 seconds' });
    if (fault.at + fault.duration >= seconds) {
      ctx.addIssue({ code: 'custom', path: ['faults', index, 'duration'], message: `the fault must end before the measured load does (at ${seconds} s), to leave time to recover; it ends at ${fault.at + fault.duration} s` });
    }
    const previous = sorted[position - 1];
    if (previous && previous.fault.at + previous.fault.duration > fault.at) {
      ctx.addIssue({ code: 'custom', path: ['faults', index, 'at'], message: `overlaps faults[${previous.index}]; faults run one after the other` });
    }
  });
}

const loadSeconds = (options: { duration: number; stages?: StageInput[] | undefined }): number =>
  options.stages ? options.stages.reduce((sum, stage) => sum + stage.duration, 0) : options.duration;

/** The load's shape made explicit: its stages in either model, its connections, a round's length. */
function normaliseLoad<T extends { connections?: number | undefined; rate?: number | undefined; stages?: StageInput[] | undefined; duration: number }>({ connections, rate, stages, duration, ...rest }: T) {
  const given = stages?.map((stage): LoadStage => (stage.rate !== undefined ? { duration: stage.duration, rate: stage.rate } : { duration: stage.duration, connections: stage.connections! }));
  const normalised: LoadStage[] | undefined = given ?? (rate === undefined ? undefined : [{ duration, rate }]);
  const open = normalised !== undefined && isOpenStages(normalised);
  return {
    ...rest,
    // An open model needs room for the requests that queue up while the target is slow; a closed model in stages opens its largest stage's.
    connections: connections ?? (open ? 100 : normalised ? Math.max(...normalised.map((stage) => ('connections' in stage ? stage.connections : 0))) : 10),
    duration: normalised ? normalised.reduce((sum, stage) => sum + stage.duration, 0) : duration,
    ...(normalised ? { stages: normalised } : {}),
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
    const cold = names.filter((name) => options.variants[name]!.cold);
    if (cold.length > 1) ctx.addIssue({ code: 'custom', path: ['variants', cold[1]!, 'cold'], message: `only one variant can be measured cold, first after the start; "${cold[0]}" already is` });
    if (cold.length === names.length) ctx.addIssue({ code: 'custom', path: ['variants'], message: 'a cold variant is compared with a warm one: leave at least one variant without "cold"' });
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
    variants: Object.entries(variants).map(([name, variant]) => ({ name, cold: variant.cold, requests: variant.requests ?? (variant.request ? [variant.request] : []) })),
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
/** An open-model stage: this arrival rate for this long. */
export interface OpenStage {
  duration: number;
  rate: number;
}
/** A closed-model stage: this many connections for this long. */
export interface ClosedStage {
  duration: number;
  connections: number;
}
export type LoadStage = OpenStage | ClosedStage;
export const isOpenStages = (stages: LoadStage[]): stages is OpenStage[] => stages.every((stage) => 'rate' in stage);
export const isClosedStages = (stages: LoadStage[]): stages is ClosedStage[] => stages.every((stage) => 'connections' in stage);
/** A fault as the runner sees it: a service to stop and start, or the suite's hooks. */
export type FaultDefinition =
  | { kind: 'service'; service: 'postgres' | 'redis'; name: string; at: number; duration: number }
  | { kind: 'hooks'; name: string; at: number; duration: number; start: (context: LoadHookContext) => unknown; end: (context: LoadHookContext) => unknown };
export type RecoveryRule = z.output<typeof recoveryOption>;

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
