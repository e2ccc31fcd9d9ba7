import { z } from 'zod';
import { environmentSchema, latencySchema, roundFiguresSchema } from '../baseline/schema.ts';
import { SEVERITY, type VerdictOutcome } from '../verdict/findings.ts';
import { statementPlansSchema } from './query-plan-schema.ts';
import type { LoadTestMeta } from './task-meta.ts';

/** One scenario × target of a run, as the results file holds it. */
export interface ResultEntry extends LoadTestMeta {
  /** The suite file, relative to the Vitest root. */
  suite: string;
}

export const RESULTS_FORMAT_VERSION = 1;

import { profileSchema } from './profile-schema.ts';

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();

const detailsSchema = z
  .object({
    timeline: z.array(z.object({ second: ms, requests: ms, p50: ms, p95: ms, p99: ms, errors: count }).strict()),
    latencyCurve: z.array(z.object({ percentile: z.number().min(0).max(100), ms }).strict()),
    latencyHistogram: z.array(z.object({ fromMs: ms, toMs: ms, count }).strict()),
    resources: z
      .object({
        samples: z.array(z.object({ second: ms, cpuPercent: ms, rssMb: ms }).strict()),
        cpuPercentMean: ms,
        rssMbMax: ms,
      })
      .strict()
      .optional(),
    queries: z
      .object({
        queriesPerRequest: ms,
        statements: z.array(
          z.object({ query: z.string(), calls: count, totalMs: ms, meanMs: ms, rows: count }).strict(),
        ),
        plans: statementPlansSchema.optional(),
      })
      .strict()
      .optional(),
    profile: profileSchema.optional(),
  })
  .strict();
const finding = z
  .object({
    kind: z.enum([
      'no-baseline',
      'inconclusive',
      'regressed',
      'over-budget',
      'contradicted',
      'leak',
      'errors',
      'check-failed',
    ]),
    message: z.string(),
    cause: z.object({ id: z.string(), short: z.string(), summary: z.string() }).strict().optional(),
  })
  .strict();
const fraction = z.number();
const intervalSchema = z
  .object({
    estimate: fraction,
    low: fraction,
    high: fraction,
    confidence: z.number().min(0).max(1),
    baseRounds: count,
    headRounds: count,
    paired: z.boolean(),
    freedom: z.number().positive(),
  })
  .strict();
const ruleSchema = z.object({ threshold: fraction, noiseFloor: fraction }).strict();
const changeOutcome = z.enum(['pass', 'improved', 'regressed', 'inconclusive']);
const changeSchema = z
  .object({
    against: z.enum(['baseline', 'base']),
    reference: z.string(),
    baseP95: ms,
    headP95: ms,
    interval: intervalSchema.optional(),
    rule: ruleSchema,
    outcome: changeOutcome,
    detectable: ms.optional(),
  })
  .strict();
const cpuChangeSchema = z
  .object({
    against: z.enum(['baseline', 'base']),
    baseCpuMs: ms,
    headCpuMs: ms,
    interval: intervalSchema.optional(),
    rule: ruleSchema,
    outcome: changeOutcome,
    detectable: ms.optional(),
  })
  .strict();
const statementsSchema = z
  .object({
    outcome: z.enum(['same', 'more']),
    basePerRequest: ms,
    headPerRequest: ms,
    grew: z.array(z.object({ query: z.string(), base: ms, head: ms }).strict()),
  })
  .strict();
const memoryTrendSchema = z
  .object({
    fromSecond: ms,
    toSecond: ms,
    windows: count,
    mbPerMinute: z.number(),
    low: z.number(),
    high: z.number(),
    confidence: z.number().min(0).max(1),
    lateMbPerMinute: z.number(),
    floorStartMb: z.number(),
    floorEndMb: z.number(),
  })
  .strict();
const memorySchema = z
  .object({
    outcome: z.enum(['leak', 'levelled', 'flat', 'unjudged']),
    trend: memoryTrendSchema.optional(),
    rounds: z.array(memoryTrendSchema.nullable()),
    leakingRounds: count,
    rule: z
      .object({
        maxGrowthMbPerMinute: z.number().positive(),
        minGrowthMb: z.number().nonnegative(),
        settleSeconds: z.number().nonnegative(),
      })
      .strict(),
    message: z.string(),
  })
  .strict();
const roundSchema = roundFiguresSchema;
const recoverySchema = z
  .object({ seconds: ms.nullable(), rounds: z.array(ms.nullable()), referenceP95Ms: ms })
  .strict();
const stageSchema = z
  .object({
    durationSeconds: ms,
    rate: ms.optional(),
    connections: count.optional(),
    requests: count,
    requestsPerSecond: ms,
    errors: count,
    errorRate: z.number().min(0).max(1),
    latencyMs: z.object({ p50: ms, p95: ms, p99: ms }).strict(),
    recovery: recoverySchema.optional(),
  })
  .strict();
const faultSchema = z
  .object({
    name: z.string(),
    atSeconds: ms,
    durationSeconds: ms,
    actualSeconds: ms,
    requests: count,
    errors: count,
    errorRate: z.number().min(0).max(1),
    failedP95Ms: ms.nullable(),
    recovery: recoverySchema,
  })
  .strict();

/** The generator's and the target's CPU shares over the load, and whether the generator was the limit. */
const cpuSharesSchema = z
  .object({
    generator: ms,
    generatorCores: z.number().int().positive(),
    target: ms.optional(),
    targetCores: z.number().int().positive(),
    lateSends: z.number().min(0).max(1).optional(),
    generatorBound: z.boolean(),
  })
  .strict();

/** The documented shape of `reports/results.json` (docs/results-json.md): a contract for tools that read it. */
export const resultsFileSchema = z
  .object({
    formatVersion: z.literal(RESULTS_FORMAT_VERSION),
    tool: z.literal('vitest-load'),
    finishedAt: z.iso.datetime(),
    summary: z.object({ total: count, failed: count, reported: count, passed: count }).strict(),
    results: z.array(
      z
        .object({
          suite: z.string(),
          scenario: z.string(),
          target: z.string(),
          result: z.looseObject({
            latencyMs: latencySchema,
            requests: count,
            requestsPerSecond: z.number().nonnegative(),
            bytesPerSecond: z.number().nonnegative(),
            errors: count,
            timeouts: count,
            errorRate: z.number().min(0).max(1),
            statusCodes: z.record(z.string(), count),
            durationSeconds: z.number().nonnegative(),
            unanswered: count,
            rounds: z.array(roundSchema).optional(),
            cpuShares: cpuSharesSchema.optional(),
            stages: z.array(stageSchema).optional(),
            faults: z.array(faultSchema).optional(),
            duringFaults: z
              .object({ requests: count, errors: count, errorRateOutside: z.number().min(0).max(1) })
              .strict()
              .optional(),
          }),
          baselineP95Ms: z.number().nonnegative().optional(),
          base: z.string().optional(),
          verdict: z
            .object({
              outcome: z.enum(SEVERITY as [VerdictOutcome, ...VerdictOutcome[]]),
              failed: z.boolean(),
              p95Change: z.number().optional(),
              change: changeSchema.optional(),
              memory: memorySchema.optional(),
              cpuChange: cpuChangeSchema.optional(),
              statements: statementsSchema.optional(),
              failures: z.array(finding),
              warnings: z.array(finding),
              notes: z.array(z.string()),
            })
            .strict(),
          environment: environmentSchema,
          pinning: z.union([
            z.object({ pinned: z.literal(true), targetCpus: z.string(), loadGeneratorCpus: z.string() }).strict(),
            z.object({ pinned: z.literal(false), reason: z.string() }).strict(),
          ]),
          baselineWritten: z.boolean(),
          details: detailsSchema.optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** What the reporter writes; `resultsFileSchema` checks it (a test keeps the two in step). */
export interface ResultsFile {
  formatVersion: typeof RESULTS_FORMAT_VERSION;
  tool: 'vitest-load';
  finishedAt: string;
  summary: { total: number; failed: number; reported: number; passed: number };
  results: ResultEntry[];
}

/** Failed tests first, then reported-only findings, then the rest: what a reviewer must see first. */
export function byUrgency(a: LoadTestMeta, b: LoadTestMeta): number {
  const rank = (meta: LoadTestMeta): number => (meta.verdict.failed ? 0 : meta.verdict.warnings.length > 0 ? 1 : 2);
  return rank(a) - rank(b);
}

export function buildResultsFile(entries: ResultEntry[], finishedAt: Date): ResultsFile {
  const failed = entries.filter((entry) => entry.verdict.failed).length;
  const reported = entries.filter((entry) => !entry.verdict.failed && entry.verdict.warnings.length > 0).length;
  return {
    formatVersion: RESULTS_FORMAT_VERSION,
    tool: 'vitest-load',
    finishedAt: finishedAt.toISOString(),
    summary: { total: entries.length, failed, reported, passed: entries.length - failed - reported },
    results: entries.map((entry) => ({ ...entry })),
  };
}
