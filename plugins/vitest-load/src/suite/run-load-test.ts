import { relative } from 'node:path';
import { describeEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import { findBaselineEntry, readBaselineFile, writeBaselineEntry } from '../baseline/store.ts';
import { runClosedModel } from '../load/closed-model.ts';
import { prepareRequest, type PreparedRequest } from '../load/prepared-request.ts';
import type { LoadDetails } from '../measure/load-details.ts';
import type { LoadResult } from '../measure/load-result.ts';
import { Measurement } from '../measure/measurement.ts';
import { reportProgress } from '../report/load-progress.ts';
import { formatResultLine } from '../report/result-line.ts';
import { attachLoadMeta, baselineP95, type LoadTestMeta } from '../report/task-meta.ts';
import { pinThisProcess, planCpuPinning, type CpuPinning } from '../runtime/cpu-pinning.ts';
import type { RunningTarget } from '../runtime/process-target.ts';
import { sampleResources } from '../runtime/resource-sampler.ts';
import type { RuntimeName } from '../runtime/runtime-context.ts';
import { startTarget } from '../runtime/start-target.ts';
import { servicesOnRuntime, targetOnRuntime } from '../runtime/test-runtime.ts';
import { readStatements, resetStatements } from '../services/query-insight.ts';
import type { ProvidedServices, LoadRunSettings } from '../settings.ts';
import { judge, type Verdict } from '../verdict/verdict.ts';
import { baselinePathFor } from './baseline-path.ts';
import type { LoadHookContext, LoadSuiteOptions, TargetDefinition } from './options.ts';
import { servicesFor } from './target-services.ts';

export interface LoadTestContext {
  scenario: string;
  target: TargetDefinition;
  /** Where the target runs; default: the process runtime. */
  runtime?: RuntimeName;
  options: LoadSuiteOptions;
  settings: LoadRunSettings;
  services: ProvidedServices;
  suiteFile: string;
  /** True when the user asked to record baselines (vitest -u). */
  update: boolean;
  /** The test task's meta, where the result is left for reporters. */
  meta: object;
  log: (line: string) => void;
}

interface Measured {
  result: LoadResult;
  warmup: LoadResult | undefined;
  details: LoadDetails;
  /** What `afterLoad` threw, if it did. */
  checkFailure?: string;
}

/** One load test: start the target, warm up, measure, check, judge, maybe record, stop the target. */
export async function runLoadTest(context: LoadTestContext): Promise<void> {
  const { scenario, target, options, settings } = context;
  const runtime = context.runtime ?? 'process';
  // Its results' name: `express`, or `express (container)` beside it.
  const targetName = targetOnRuntime(target.name, runtime);
  const baselineFile = baselinePathFor(context.suiteFile, settings.root, settings.baselineDir);
  const shownBaselineFile = relative(settings.root, baselineFile);
  // Read first: a corrupt baseline fails before any load is spent.
  const baselines = await readBaselineFile(baselineFile);
  const baseline = findBaselineEntry(baselines, scenario, targetName);
  const services = servicesFor(target, servicesOnRuntime(context.services, runtime));

  const pinning = planCpuPinning(!settings.pinCpus);
  const running = await startTarget(target, { root: settings.root, pinning, serviceEnv: services.env }, runtime);
  const hookContext: LoadHookContext = { scenario, target: target.name, url: running.url, env: services.env };
  let measured: Measured;
  try {
    measured = await whileAlive(running, async (signal) => {
      await options.beforeLoad?.(hookContext);
      const outcome = await measure(running, options, pinning, signal, services.env.DATABASE_URL, { label: `${scenario} × ${targetName}`, log: context.log });
      try {
        await options.afterLoad?.({ ...hookContext, ...outcome });
        return outcome;
      } catch (error) {
        // Judged with the figures, so the report shows the run whose data was wrong.
        return { ...outcome, checkFailure: error instanceof Error ? error.message : String(error) };
      }
    });
  } finally {
    await running.stop();
  }
  const { result } = measured;

  const environment = describeEnvironment(pinning, services.descriptions, running.runtime);
  const judged = judge({
    scenario,
    target: targetName,
    result,
    environment,
    gate: options.gate,
    load: loadOf(options),
    baseline,
    baselineFile: shownBaselineFile,
    latencyGate: settings.latencyGate,
    requireBaseline: settings.requireBaseline && !context.update,
    compareAcrossEnvironments: settings.compareAcrossEnvironments,
    ...(measured.checkFailure === undefined ? {} : { checkFailure: measured.checkFailure }),
  });

  // A run with errors beyond the allowed rate, or wrong data, is not a baseline anyone wants to keep.
  const record = context.update && judged.outcome !== 'errors' && judged.outcome !== 'check-failed';
  const verdict = record ? acceptedByRecording(judged) : judged;
  if (record) {
    const entry: BaselineEntry = {
      recordedAt: new Date().toISOString(),
      environment,
      load: loadOf(options),
      ...result,
    };
    await writeBaselineEntry(baselineFile, relative(settings.root, context.suiteFile), scenario, targetName, entry);
    context.log(`${scenario} × ${targetName}: baseline recorded in ${shownBaselineFile}`);
  }

  const meta: LoadTestMeta = { scenario, target: targetName, result, ...baselineP95(baseline), verdict, environment, pinning, baselineWritten: record, details: measured.details };
  attachLoadMeta(context.meta, meta);
  context.log(formatResultLine(meta));
  for (const line of [...verdict.notes, ...verdict.warnings.map((finding) => finding.message)]) context.log(line);
  if (verdict.failed) throw new Error(verdict.failures.map((finding) => finding.message).join('\n'));
}

/** Recording a baseline accepts the change against the old one, as a snapshot update does. */
function acceptedByRecording(verdict: Verdict): Verdict {
  const accepted = verdict.failures.filter((finding) => finding.kind === 'regressed');
  if (accepted.length === 0) return verdict;
  const failures = verdict.failures.filter((finding) => finding.kind !== 'regressed');
  return {
    ...verdict,
    failures,
    failed: failures.length > 0,
    notes: [...verdict.notes, ...accepted.map((finding) => `${finding.message}; accepted: the baseline was recorded anew`)],
  };
}

const loadOf = (options: LoadSuiteOptions): BaselineEntry['load'] => ({ connections: options.connections, warmupSeconds: options.warmup, durationSeconds: options.duration });

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

async function measure(
  target: RunningTarget,
  options: LoadSuiteOptions,
  pinning: CpuPinning,
  signal: AbortSignal,
  databaseUrl: string | undefined,
  progress: Progress,
): Promise<Measured> {
  const requests = options.requests.map(prepareRequest);
  const restoreAffinity = pinning.pinned ? await pinThisProcess(pinning.loadGeneratorCpus) : undefined;
  try {
    const warmup = options.warmup > 0 ? (await measureOnce(target.url, requests, options, options.warmup, signal, { ...progress, label: `${progress.label} (warm-up)` })).result : undefined;
    // Statements and resources count for the measured load only, not the warm-up.
    const countsStatements = databaseUrl !== undefined && (await resetStatements(databaseUrl));
    const resources = sampleResources(target.pid);
    const { result, details } = await measureOnce(target.url, requests, options, options.duration, signal, progress);
    const usage = await resources.stop();
    const queries = countsStatements ? await readStatements(databaseUrl, result.requests) : undefined;
    return { result, warmup, details: { ...details, ...(usage ? { resources: usage } : {}), ...(queries ? { queries } : {}) } };
  } finally {
    if (restoreAffinity) await pinThisProcess(restoreAffinity);
  }
}

interface Progress {
  label: string;
  log: (line: string) => void;
}

async function measureOnce(
  url: string,
  requests: PreparedRequest[],
  options: LoadSuiteOptions,
  seconds: number,
  signal: AbortSignal,
  progress: Progress,
): Promise<{ result: LoadResult; details: LoadDetails }> {
  const measurement = new Measurement(requests, seconds);
  const stopProgress = reportProgress(progress.label, seconds, () => measurement.responses, progress.log);
  try {
    const outcome = await runClosedModel({ url, requests, connections: options.connections, durationSeconds: seconds, timeoutSeconds: options.timeout, measurement, signal });
    if (signal.aborted) throw signal.reason;
    return { result: measurement.summarize(outcome), details: measurement.details() };
  } finally {
    stopProgress();
    measurement.destroy();
  }
}
