import { relative } from 'node:path';
import { describeEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import { findBaselineEntry, readBaselineFile, writeBaselineEntry } from '../baseline/store.ts';
import { runClosedModel } from '../load/closed-model.ts';
import { prepareRequest } from '../load/prepared-request.ts';
import { LatencyHistogram } from '../measure/latency-histogram.ts';
import { summarizeLoad, type LoadResult } from '../measure/load-result.ts';
import { formatResultLine } from '../report/result-line.ts';
import { attachLoadMeta, baselineP95, type LoadTestMeta } from '../report/task-meta.ts';
import { pinThisProcess, planCpuPinning, type CpuPinning } from '../runtime/cpu-pinning.ts';
import { startProcessTarget, type RunningTarget } from '../runtime/process-target.ts';
import type { LoadRunSettings } from '../settings.ts';
import { judge } from '../verdict/verdict.ts';
import { baselinePathFor } from './baseline-path.ts';
import type { LoadSuiteOptions, TargetDefinition } from './options.ts';

export interface LoadTestContext {
  scenario: string;
  target: TargetDefinition;
  options: LoadSuiteOptions;
  settings: LoadRunSettings;
  suiteFile: string;
  /** True when the user asked to record baselines (vitest -u). */
  update: boolean;
  /** The test task's meta, where the result is left for reporters. */
  meta: object;
  log: (line: string) => void;
}

/** One load test: start the target, warm up, measure, judge, maybe record, stop the target. */
export async function runLoadTest(context: LoadTestContext): Promise<void> {
  const { scenario, target, options, settings } = context;
  const baselineFile = baselinePathFor(context.suiteFile, settings.root, settings.baselineDir);
  const shownBaselineFile = relative(settings.root, baselineFile);
  // Read first: a corrupt baseline fails before any load is spent.
  const baselines = await readBaselineFile(baselineFile);
  const baseline = findBaselineEntry(baselines, scenario, target.name);

  const pinning = planCpuPinning(!settings.pinCpus);
  const running = await startProcessTarget(target, { root: settings.root, pinning });
  let result: LoadResult;
  try {
    result = await measureWhileAlive(running, options, pinning);
  } finally {
    await running.stop();
  }

  const environment = describeEnvironment(pinning);
  const verdict = judge({
    scenario,
    target: target.name,
    result,
    environment,
    gate: options.gate,
    baseline,
    baselineFile: shownBaselineFile,
    latencyGate: settings.latencyGate,
    requireBaseline: settings.requireBaseline && !context.update,
    compareAcrossEnvironments: settings.compareAcrossEnvironments,
  });

  // A run with errors beyond the allowed rate is not a baseline anyone wants to keep.
  const record = context.update && verdict.outcome !== 'errors';
  if (record) {
    const entry: BaselineEntry = {
      recordedAt: new Date().toISOString(),
      environment,
      load: { connections: options.connections, warmupSeconds: options.warmup, durationSeconds: options.duration },
      ...result,
    };
    await writeBaselineEntry(baselineFile, relative(settings.root, context.suiteFile), scenario, target.name, entry);
    context.log(`${scenario} × ${target.name}: baseline recorded in ${shownBaselineFile}`);
  }

  const meta: LoadTestMeta = { scenario, target: target.name, result, ...baselineP95(baseline), verdict, pinning, baselineWritten: record };
  attachLoadMeta(context.meta, meta);
  context.log(formatResultLine(meta));
  for (const line of [...verdict.notes, ...verdict.warnings.map((finding) => finding.message)]) context.log(line);
  // Recording a baseline accepts the change against the old one, as a snapshot update does.
  const blocking = verdict.failures.filter((finding) => !(record && finding.kind === 'regressed'));
  if (blocking.length > 0) throw new Error(blocking.map((finding) => finding.message).join('\n'));
}

async function measureWhileAlive(running: RunningTarget, options: LoadSuiteOptions, pinning: CpuPinning): Promise<LoadResult> {
  const abort = new AbortController();
  const death = running.died.then((error) => {
    abort.abort(error);
    throw error;
  });
  const measurement = measure(running.url, options, pinning, abort.signal);
  try {
    return await Promise.race([measurement, death]);
  } finally {
    abort.abort();
    await measurement.catch(() => undefined);
  }
}

async function measure(url: string, options: LoadSuiteOptions, pinning: CpuPinning, signal: AbortSignal): Promise<LoadResult> {
  const requests = options.requests.map(prepareRequest);
  const load = { url, requests, connections: options.connections, timeoutSeconds: options.timeout, signal };
  const restoreAffinity = pinning.pinned ? await pinThisProcess(pinning.loadGeneratorCpus) : undefined;
  const histogram = new LatencyHistogram();
  try {
    if (options.warmup > 0) await runClosedModel({ ...load, durationSeconds: options.warmup });
    if (signal.aborted) throw signal.reason;
    const counters = await runClosedModel({ ...load, durationSeconds: options.duration, histogram });
    if (signal.aborted) throw signal.reason;
    return summarizeLoad(histogram.percentiles(), counters);
  } finally {
    histogram.destroy();
    if (restoreAffinity) await pinThisProcess(restoreAffinity);
  }
}
