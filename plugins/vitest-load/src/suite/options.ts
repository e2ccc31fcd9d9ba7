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
  /** Base URL of the running target. */
  url: string;
  /** The service URLs the target got (DATABASE_URL, REDIS_URL). */
  env: Record<string, string>;
}

/** What `afterLoad` is given: the measured result and, apart, what the warm-up did. */
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
  })
  .strict();

export const loadSuiteOptions = z
  .object({
    targets: z.array(targetOption).min(1, 'name at least one target'),
    request: requestOption.optional(),
    requests: z.array(requestOption).min(1).optional(),
    connections: z.number().int().min(1).max(10_000).default(10),
    warmup: durationOption.default(1),
    duration: durationOption.default(5),
    /** Per-request timeout; a request slower than this counts as a timeout. */
    timeout: durationOption.default(10),
    gate: gateOption.prefault({}),
    /** Runs once the target is up, before the warm-up: reset tables, prepare data. */
    beforeLoad: hook<LoadHookContext>().optional(),
    /** Runs after the measured load: check the data the load left; a throw fails the test. */
    afterLoad: hook<AfterLoadContext>().optional(),
  })
  .strict()
  .superRefine((options, ctx) => {
    if (!options.request === !options.requests) {
      ctx.addIssue({ code: 'custom', path: ['request'], message: 'give either "request" or "requests", exactly one of them' });
    }
    if (options.duration <= 0) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'must be longer than 0 seconds' });
    const names = options.targets.map((target) => target.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) ctx.addIssue({ code: 'custom', path: ['targets'], message: `two targets are named "${duplicate}"` });
  })
  .transform(({ request, requests, ...rest }) => ({ ...rest, requests: requests ?? (request ? [request] : []) }));

export type LoadSuiteInput = z.input<typeof loadSuiteOptions>;
export type LoadSuiteOptions = z.output<typeof loadSuiteOptions>;
export type TargetInput = z.input<typeof targetOption>;
export type TargetDefinition = z.output<typeof targetOption>;
export type SidecarDefinition = z.output<typeof sidecarOption>;
/** What the process runtime needs of a target or a sidecar. */
export type ProcessDefinition = Omit<TargetDefinition, 'services' | 'sidecars'>;
export type LoadRequest = LoadSuiteOptions['requests'][number];
export type Gate = LoadSuiteOptions['gate'];

/** Thrown for a mistake in a suite's options; the message names each option that is wrong. */
export class LoadOptionsError extends Error {
  override name = 'LoadOptionsError';
}

export function parseLoadSuiteOptions(suiteName: string, input: unknown): LoadSuiteOptions {
  const parsed = loadSuiteOptions.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `  - option "${formatPath([...issue.path, key])}" is not a known option`)
      : [`  - option "${formatPath(issue.path)}": ${issue.message}`],
  );
  throw new LoadOptionsError(`bench.load("${suiteName}") has invalid options:\n${problems.join('\n')}`);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(options)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
