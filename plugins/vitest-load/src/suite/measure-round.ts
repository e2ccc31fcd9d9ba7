import type { LoadDetails } from '../measure/load-details.ts';
import type { LoadResult } from '../measure/load-result.ts';
import { Measurement, recordInto, type LoadOutcome, type ResponseRecorder } from '../measure/measurement.ts';
import { runLoad, type LoadShape } from '../load/run-load.ts';
import type { PreparedRequest } from '../load/prepared-request.ts';
import { reportProgress } from '../report/load-progress.ts';
import { pinThisProcess, type CpuPinning } from '../runtime/cpu-pinning.ts';
import type { RunningTarget } from '../runtime/process-target.ts';
import { sampleResources } from '../runtime/resource-sampler.ts';
import type { RuntimeName } from '../runtime/runtime-context.ts';
import { startTarget, type RuntimeRecord } from '../runtime/start-target.ts';
import { readStatements, resetStatements } from '../services/query-insight.ts';
import type { LoadHookContext, LoadSuiteOptions, TargetDefinition } from './options.ts';

/** One side of a comparison: the code under test, or the base revision it is judged against. */
export interface RoundSide {
  target: TargetDefinition;
  /** The checkout the target's paths are relative to. */
  root: string;
  /** Where the target runs; default: processes. */
  runtime?: RuntimeName;
}

/** One load of a round: a suite's requests, or one variant's in a comparison. */
export interface RoundLoad {
  /** The variant's name in a `bench.compare()` suite. */
  variant?: string;
  requests: PreparedRequest[];
  /** Everything this load measured, pooled over its rounds. */
  pooled: Measurement;
}

/** What a round needs of the suite: its load, hooks and timing. */
export type RoundOptions = Pick<LoadSuiteOptions, 'warmup' | 'duration' | 'beforeLoad' | 'afterLoad'>;

export interface RoundContext {
  scenario: string;
  options: RoundOptions;
  shape: LoadShape;
  pinning: CpuPinning;
  serviceEnv: Record<string, string>;
  label: string;
  log: (line: string) => void;
}

/** What one round on one side gave. */
export interface RoundOutcome {
  result: LoadResult;
  outcome: LoadOutcome;
  /** Resources and statements of this round; the pooled timeline is added by the caller. */
  details: Pick<LoadDetails, 'resources' | 'queries'>;
  /** Where the target ran (with container images and limits), for the result's environment. */
  runtime: RuntimeRecord;
  checkFailure?: string;
}

/**
 * One measured round: a freshly started target (so that what differs between two processes of
 * the same code, such as where the JIT lands, is part of the spread the verdict sees), then for
 * each load in turn the suite's `beforeLoad`, a warm-up, the measured load and the suite's
 * `afterLoad`; then a stop. With several loads (the variants of a comparison), every one is
 * warmed up before any is measured: otherwise whichever ran first would pay for the cold
 * process alone. A check that fails ends the round: the verdict is decided.
 */
export async function measureRound(side: RoundSide, loads: RoundLoad[], context: RoundContext): Promise<RoundOutcome[]> {
  const running = await startTarget(side.target, { root: side.root, pinning: context.pinning, serviceEnv: context.serviceEnv }, side.runtime ?? 'process');
  const restoreAffinity = context.pinning.pinned ? await pinThisProcess(context.pinning.loadGeneratorCpus) : undefined;
  try {
    return await whileAlive(running, async (signal) => {
      const hookContext = (load: RoundLoad): LoadHookContext => ({ scenario: context.scenario, target: side.target.name, ...(load.variant ? { variant: load.variant } : {}), url: running.url, env: { ...context.serviceEnv, ...running.sidecarUrls } });
      const warmsApart = loads.length > 1;
      if (warmsApart) {
        for (const load of loads) {
          await context.options.beforeLoad?.(hookContext(load));
          await warmUp(running, load, context, signal);
        }
      }
      const outcomes: RoundOutcome[] = [];
      for (const load of loads) {
        await context.options.beforeLoad?.(hookContext(load));
        // Warmed apart, the warm-up's effects were undone by the `beforeLoad` since: the check sees the measured load alone.
        const warmup = warmsApart ? undefined : await warmUp(running, load, context, signal);
        const measured = { ...(await measureLoad(running, load, context, signal)), runtime: running.runtime };
        try {
          await context.options.afterLoad?.({ ...hookContext(load), result: measured.result, warmup });
          outcomes.push(measured);
        } catch (error) {
          // Judged with the figures, so the report shows the run whose data was wrong.
          outcomes.push({ ...measured, checkFailure: error instanceof Error ? error.message : String(error) });
          break;
        }
      }
      return outcomes;
    });
  } finally {
    if (restoreAffinity) await pinThisProcess(restoreAffinity);
    await running.stop();
  }
}

/** The suite's warm-up for one load: loaded, not measured (JIT, pools, caches). */
async function warmUp(target: RunningTarget, load: RoundLoad, context: RoundContext, signal: AbortSignal): Promise<LoadResult | undefined> {
  if (context.options.warmup <= 0) return undefined;
  const warmupMeasurement = new Measurement(load.requests);
  try {
    const outcome = await runLoad(target.url, load.requests, context.shape, context.options.warmup, warmupMeasurement, signal, true);
    if (signal.aborted) throw signal.reason;
    return warmupMeasurement.summarize(outcome);
  } finally {
    warmupMeasurement.destroy();
  }
}

async function measureLoad(target: RunningTarget, load: RoundLoad, context: RoundContext, signal: AbortSignal): Promise<Omit<RoundOutcome, 'runtime'>> {
  const databaseUrl = context.serviceEnv.DATABASE_URL;
  // Statements and resources count for the measured load only, not the warm-up.
  const countsStatements = databaseUrl !== undefined && (await resetStatements(databaseUrl));
  const resources = sampleResources(target.pid);
  const round = new Measurement(load.requests);
  try {
    const outcome = await measured(target, load.requests, context, recordInto(round, load.pooled), signal);
    const result = round.summarize(outcome);
    const usage = await resources.stop();
    const queries = countsStatements ? await readStatements(databaseUrl, result.requests) : undefined;
    return { result, outcome, details: { ...(usage ? { resources: usage } : {}), ...(queries ? { queries } : {}) } };
  } finally {
    round.destroy();
  }
}

async function measured(target: RunningTarget, requests: PreparedRequest[], context: RoundContext, recorder: ResponseRecorder, signal: AbortSignal): Promise<LoadOutcome> {
  const stopProgress = reportProgress(context.label, context.options.duration, () => recorder.responses, context.log);
  try {
    const outcome = await runLoad(target.url, requests, context.shape, context.options.duration, recorder, signal, false);
    if (signal.aborted) throw signal.reason;
    return outcome;
  } finally {
    stopProgress();
  }
}

/** Runs `work` but fails as soon as the target dies, with the target's exit and stderr. */
async function whileAlive<T>(running: RunningTarget, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const death = running.died.then((error) => {
    abort.abort(error);
    throw error;
  });
  const working = work(abort.signal);
  try {
    return await Promise.race([working, death]);
  } finally {
    abort.abort();
    await working.catch(() => undefined);
  }
}
