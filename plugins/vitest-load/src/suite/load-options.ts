import { z } from 'zod';
import type { LoadRequest } from '../load/load-request.ts';
import type { RecoveryRule } from '../measure/recovery.ts';
import type { FaultDefinition, LoadHookContext } from '../run/hooks.ts';
import type { Assert, SameType } from './same-type.ts';
import { durationOption, hook } from './option-values.ts';

const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A value, or a function called for every request to vary it (a random existing id, say). */
const perRequestFunction = z.custom<() => unknown>((value) => typeof value === 'function');

export const requestOption = z
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

/**
 * One stage of a load: this arrival rate (open model) or this many connections (closed model)
 * for this long. A stage list is one model or the other; `checkStages` says which field is wrong.
 */
export const stageOption = z
  .object({
    duration: durationOption,
    rate: z.number().positive().max(1_000_000).optional(),
    connections: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

/** When a fault starts and how long it lasts, measured from the start of the measured load. */
const faultTiming = { at: durationOption, duration: durationOption };

/**
 * A fault: `{ service, at, duration }` stops a service the plugin started at `at` and starts it
 * again (same port, same data) `duration` later; `{ name, at, duration, start, end }` calls the
 * suite's own hooks instead (tell a stub upstream to stall, say). One object with a check rather
 * than a union, so that a mistake names the field rather than "invalid input".
 */
export const faultOption = z
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
        if (fault[field] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `a service fault stops and starts "${fault.service}" itself; give "${field}" only in a fault of your own ({ name, at, duration, start, end })`,
          });
      }
      return;
    }
    for (const field of ['name', 'start', 'end'] as const) {
      if (fault[field] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'give "service" (\'postgres\' or \'redis\'), or "name", "start" and "end" for a fault of your own',
        });
    }
  })
  .transform((fault): FaultDefinition =>
    fault.service !== undefined
      ? {
          kind: 'service',
          service: fault.service,
          name: `${fault.service} stopped`,
          at: fault.at,
          duration: fault.duration,
        }
      : {
          kind: 'hooks',
          name: fault.name!,
          at: fault.at,
          duration: fault.duration,
          start: fault.start!,
          end: fault.end!,
        },
  );

/** How recovery is judged: a window is healthy when it had no errors and its p95 was within `factor` of the reference p95 (plus 1 ms); recovered after `windows` healthy windows in a row. */
export const recoveryOption = z
  .object({ factor: z.number().min(1).max(100).default(2), windows: z.number().int().min(1).max(100).default(5) })
  .strict();

export type LoadOptionChecks = [
  Assert<SameType<z.output<typeof requestOption>, LoadRequest>>,
  Assert<SameType<z.output<typeof recoveryOption>, RecoveryRule>>,
];
