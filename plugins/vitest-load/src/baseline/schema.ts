import { z } from 'zod';

const nonNegative = z.number().finite().nonnegative();

/** One round's figures, as results and baselines keep them. */
export const roundFiguresSchema = z
  .object({
    p50: nonNegative,
    p95: nonNegative,
    p99: nonNegative,
    requestsPerSecond: nonNegative,
    requests: z.number().int().nonnegative(),
    cpuMsPerRequest: nonNegative.optional(),
    statementsPerRequest: nonNegative.optional(),
  })
  .strict();

/** CPU time and statements per request (RequestCost). */
export const requestCostSchema = z
  .object({
    cpuMsPerRequest: nonNegative.optional(),
    statementsPerRequest: nonNegative.optional(),
    statements: z.record(z.string(), nonNegative).optional(),
    databaseMsPerRequest: nonNegative.optional(),
    cutOffPerRequest: nonNegative.optional(),
  })
  .strict();

export const latencySchema = z
  .object({
    p50: nonNegative,
    p90: nonNegative,
    p95: nonNegative,
    p99: nonNegative,
    p999: nonNegative,
    max: nonNegative,
    min: nonNegative,
    mean: nonNegative,
  })
  .strict();

export const environmentSchema = z
  .object({
    cpuModel: z.string(),
    cores: z.number().int().positive(),
    os: z.string(),
    node: z.string(),
    runtime: z.enum(['process', 'container']),
    containers: z
      .object({
        images: z.record(z.string(), z.string()),
        cpus: z.number().positive().optional(),
        memoryMb: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    pinned: z.boolean(),
    services: z
      .record(
        z.string(),
        z
          .object({
            origin: z.enum(['embedded', 'external']),
            version: z.string(),
            settings: z.record(z.string(), z.string()),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const baselineEntrySchema = z
  .object({
    recordedAt: z.iso.datetime(),
    environment: environmentSchema,
    load: z
      .object({
        connections: z.number().int().positive(),
        warmupSeconds: nonNegative,
        durationSeconds: z.number().positive(),
        /** Arrival rates over time (open model) or connections over time (closed model). */
        stages: z
          .array(
            z.union([
              z.object({ duration: z.number().positive(), rate: z.number().positive() }).strict(),
              z.object({ duration: z.number().positive(), connections: z.number().int().positive() }).strict(),
            ]),
          )
          .optional(),
        /** Faults during the load, by name and timing. */
        faults: z
          .array(z.object({ name: z.string(), at: z.number().positive(), duration: z.number().positive() }).strict())
          .optional(),
      })
      .strict(),
    latencyMs: latencySchema,
    requests: z.number().int().nonnegative(),
    requestsPerSecond: nonNegative,
    bytesPerSecond: nonNegative,
    errors: z.number().int().nonnegative(),
    timeouts: z.number().int().nonnegative(),
    errorRate: z.number().min(0).max(1),
    statusCodes: z.record(z.string().regex(/^\d{3}$/), z.number().int().nonnegative()),
    durationSeconds: nonNegative,
    unanswered: z.number().int().nonnegative().optional(),
    /** Each measured round's figures; baselines recorded before rounds existed have none and count as one round. */
    rounds: z.array(roundFiguresSchema).optional(),
    /** What a request cost the target: CPU time and statements per request (recorded since the cost gate). */
    cost: requestCostSchema.optional(),
    byRequest: z
      .record(
        z.string(),
        z
          .object({
            requests: z.number().int().nonnegative(),
            errors: z.number().int().nonnegative(),
            errorRate: z.number().min(0).max(1),
            latencyMs: latencySchema,
            statusCodes: z.record(z.string(), z.number().int().nonnegative()),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const BASELINE_FORMAT_VERSION = 1;

export const baselineFileSchema = z
  .object({
    formatVersion: z.literal(BASELINE_FORMAT_VERSION),
    suite: z.string(),
    /** scenario name → target name → entry */
    scenarios: z.record(z.string(), z.record(z.string(), baselineEntrySchema)),
  })
  .strict();

export type BaselineEntry = z.infer<typeof baselineEntrySchema>;
export type BaselineFile = z.infer<typeof baselineFileSchema>;
