import type { LoadDetails } from '../measure/load-details.ts';
import type { LoadResult } from '../measure/load-result.ts';
import { LoadPhases, type PhaseTally } from '../measure/load-phases.ts';
import { Measurement, recordInto, type LoadOutcome, type ResponseRecorder } from '../measure/measurement.ts';
import { summarizePhases } from '../measure/phase-results.ts';
import { runLoad, type LoadShape } from '../load/run-load.ts';
import type { PreparedRequest } from '../load/prepared-request.ts';
import { reportProgress } from '../report/load-progress.ts';
import { pinThisProcess, type CpuPinning } from '../targets/cpu-pinning.ts';
import { startCpuWindow } from '../load/generator-cpu.ts';
import type { RunningTarget } from '../targets/process-target.ts';
import { sampleResources, samplingIntervalMs } from '../targets/resource-sampler.ts';
import type { RuntimeName } from '../targets/runtime-context.ts';
import { startTarget, type RuntimeRecord } from '../targets/start-target.ts';
import { queryInsight, StatementCounter } from '../targets/services/query-insight.ts';
import { processTreeCpuSeconds } from '../targets/cpu-time.ts';
import type { CostTally } from '../measure/request-cost.ts';
import { cpuSpent, roundCpuShares, withRoundCost } from './round-cost.ts';
import { changingStages, phasePlan } from './round-phases.ts';
import { hookContextOf, whileAlive } from './running-targets.ts';
import type { ProvidedServices } from '../targets/service.ts';
import { runFaults } from './fault-runner.ts';
import type { LoadHookContext } from './hooks.ts';
import type { LoadSuiteOptions } from './suite-options.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';

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
  /** Measured first, right after the start, without any warm-up before it (a cold variant). */
  cold?: boolean;
  requests: PreparedRequest[];
  /** Everything this load measured, pooled over its rounds. */
  pooled: Measurement;
}

/** What a round needs of the suite: its load, hooks and timing. */
export type RoundOptions = Pick<
  LoadSuiteOptions,
  'warmup' | 'duration' | 'beforeLoad' | 'afterLoad' | 'stages' | 'faults' | 'recovery'
> & { gate: Pick<LoadSuiteOptions['gate'], 'leak'> };

export interface RoundContext {
  scenario: string;
  options: RoundOptions;
  shape: LoadShape;
  pinning: CpuPinning;
  serviceEnv: Record<string, string>;
  /** The run's services, whose control channel a service fault uses; none by default. */
  services?: ProvidedServices;
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
  /** Per stage and per fault, when the load had stages or faults: what pooling over rounds adds up. */
  phases?: PhaseTally;
  /** CPU time and statements of this round, for the cost per request pooled over rounds. */
  cost: CostTally;
  checkFailure?: string;
}

/**
 * One measured round: a freshly started target (so that what differs between two processes of
 * the same code, such as where the JIT lands, is part of the spread the verdict sees), then for
 * each load in turn the suite's `beforeLoad`, a warm-up, the measured load and the suite's
 * `afterLoad`; then a stop. With several loads (the variants of a comparison), every one is
 * warmed up before any is measured: otherwise whichever ran first would pay for the cold
 * process alone. A cold load is the exception, on purpose: it is measured first, with no
 * warm-up at all, on the process just started. A check that fails ends the round: the verdict
 * is decided. The outcomes come in the order the loads were measured: cold loads first, then
 * the others in their order.
 */
export async function measureRound(
  side: RoundSide,
  loads: RoundLoad[],
  context: RoundContext,
): Promise<RoundOutcome[]> {
  const running = await startTarget(
    side.target,
    { root: side.root, pinning: context.pinning, serviceEnv: context.serviceEnv },
    side.runtime ?? 'process',
  );
  const restoreAffinity = context.pinning.pinned ? await pinThisProcess(context.pinning.loadGeneratorCpus) : undefined;
  try {
    return await whileAlive([running], async (signal) => {
      const hookContext = (load: RoundLoad): LoadHookContext => ({
        ...hookContextOf(side, running, context),
        ...(load.variant ? { variant: load.variant } : {}),
      });
      const cold = loads.filter((load) => load.cold);
      const warm = loads.filter((load) => !load.cold);
      const warmsApart = warm.length > 1;
      const outcomes: RoundOutcome[] = [];
      // First what a freshly started process does with its first requests, before anything else loads it.
      for (const load of [...cold, ...warm]) {
        if (load === warm[0] && warmsApart) {
          for (const each of warm) {
            await context.options.beforeLoad?.(hookContext(each));
            await warmUp(running, each, context, signal);
          }
        }
        await context.options.beforeLoad?.(hookContext(load));
        // Warmed apart, the warm-up's effects were undone by the `beforeLoad` since: the check sees the measured load alone.
        const warmup = warmsApart || load.cold ? undefined : await warmUp(running, load, context, signal);
        const measured = {
          ...(await measureLoad(running, load, context, signal, hookContext(load), warmup?.unanswered ?? 0)),
          runtime: running.runtime,
        };
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
async function warmUp(
  target: RunningTarget,
  load: RoundLoad,
  context: RoundContext,
  signal: AbortSignal,
): Promise<LoadResult | undefined> {
  if (context.options.warmup <= 0) return undefined;
  const warmupMeasurement = new Measurement(load.requests);
  try {
    const outcome = await runLoad({
      url: target.url,
      requests: load.requests,
      shape: context.shape,
      seconds: context.options.warmup,
      measurement: warmupMeasurement,
      signal,
      steady: true,
    });
    if (signal.aborted) throw signal.reason;
    return warmupMeasurement.summarize(outcome);
  } finally {
    warmupMeasurement.destroy();
  }
}

async function measureLoad(
  target: RunningTarget,
  load: RoundLoad,
  context: RoundContext,
  signal: AbortSignal,
  hookContext: LoadHookContext,
  warmupCutOff: number,
): Promise<Omit<RoundOutcome, 'runtime'>> {
  const databaseUrl = context.serviceEnv.DATABASE_URL;
  // Statements and resources count for the measured load only, not the warm-up.
  const statements = databaseUrl === undefined ? undefined : await StatementCounter.open(databaseUrl);
  const resources = sampleResources(
    target.pid,
    samplingIntervalMs(context.options.duration, context.options.gate.leak !== undefined),
  );
  const cpuBefore = processTreeCpuSeconds(target.pid);
  const round = new Measurement(load.requests);
  const faults = context.options.faults ?? [];
  const plan = phasePlan(context.options);
  // Created right before the load (and the faults), so that its clock starts with theirs.
  const phases = plan ? new LoadPhases(load.requests, plan) : undefined;
  const faultRun =
    phases && faults.length > 0
      ? runFaults(faults, hookContext, context.services ?? { env: {}, descriptions: [] }, phases, (line) =>
          context.log(`${context.label}: ${line}`),
        )
      : undefined;
  try {
    const recorder = phases ? recordInto(round, load.pooled, phases) : recordInto(round, load.pooled);
    const generatorCpu = startCpuWindow();
    const outcome = await measured(target, load.requests, context, recorder, signal);
    const cpuSeconds = cpuSpent(cpuBefore, processTreeCpuSeconds(target.pid));
    const window = generatorCpu.stop();
    await faultRun?.finished;
    if (faultRun && faultRun.failures.length > 0) throw new Error(faultRun.failures.join('\n'));
    const tally = phases?.tally();
    const summary = round.summarize(outcome);
    const usage = await resources.stop();
    // A statement count fails quietly (a database stopped by a fault): the report goes without it.
    const statementTallies = await statements?.read().catch(() => undefined);
    // After the load, so that planning cannot disturb it; EXPLAIN without ANALYZE runs nothing.
    const plans = statementTallies ? await statements?.plans(statementTallies).catch(() => undefined) : undefined;
    const { cost, result: withCost } = withRoundCost(summary, {
      cpuSeconds,
      statements: statementTallies,
      cutOff: summary.unanswered + warmupCutOff,
      cpuShares: roundCpuShares(window, cpuSeconds, outcome, context.pinning),
    });
    const result = tally
      ? {
          ...withCost,
          ...summarizePhases([tally], changingStages(context.options), faults, {
            errors: summary.errors,
            attempts: summary.requests + outcome.transportErrors,
          }),
        }
      : withCost;
    const queries = statementTallies ? queryInsight(statementTallies, result.requests, plans) : undefined;
    return {
      result,
      outcome,
      cost,
      ...(tally ? { phases: tally } : {}),
      details: { ...(usage ? { resources: usage } : {}), ...(queries ? { queries } : {}) },
    };
  } finally {
    // A load cut short (the target died, the test was cancelled) ends its faults at once: the service runs again.
    await faultRun?.cancel();
    await statements?.close();
    round.destroy();
  }
}

async function measured(
  target: RunningTarget,
  requests: PreparedRequest[],
  context: RoundContext,
  recorder: ResponseRecorder,
  signal: AbortSignal,
): Promise<LoadOutcome> {
  const stopProgress = reportProgress(context.label, context.options.duration, () => recorder.responses, context.log);
  try {
    const outcome = await runLoad({
      url: target.url,
      requests,
      shape: context.shape,
      seconds: context.options.duration,
      measurement: recorder,
      signal,
      steady: false,
    });
    if (signal.aborted) throw signal.reason;
    return outcome;
  } finally {
    stopProgress();
  }
}
