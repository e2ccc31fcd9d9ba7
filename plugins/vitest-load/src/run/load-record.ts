import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult, RoundFigures } from '../measure/load-result.ts';
import type { Verdict } from '../verdict/verdict.ts';
import type { LoadSuiteOptions } from './suite-options.ts';

/** What a round contributes to later verdicts, kept in results and baselines. */
export const roundFigures = (result: LoadResult): RoundFigures => ({
  p50: result.latencyMs.p50,
  p95: result.latencyMs.p95,
  p99: result.latencyMs.p99,
  requestsPerSecond: result.requestsPerSecond,
  requests: result.requests,
  ...(result.cost?.cpuMsPerRequest === undefined ? {} : { cpuMsPerRequest: result.cost.cpuMsPerRequest }),
  ...(result.cost?.statementsPerRequest === undefined
    ? {}
    : { statementsPerRequest: result.cost.statementsPerRequest }),
});

/** The load a result was measured with, as baselines record it. */
export const loadOf = (
  options: Pick<LoadSuiteOptions, 'connections' | 'warmup' | 'duration' | 'stages' | 'faults'>,
): BaselineEntry['load'] => ({
  connections: options.connections,
  warmupSeconds: options.warmup,
  durationSeconds: options.duration,
  ...(options.stages
    ? {
        stages: options.stages.map((stage) =>
          'rate' in stage
            ? { duration: stage.duration, rate: stage.rate }
            : { duration: stage.duration, connections: stage.connections },
        ),
      }
    : {}),
  ...(options.faults && options.faults.length > 0
    ? { faults: options.faults.map((fault) => ({ name: fault.name, at: fault.at, duration: fault.duration })) }
    : {}),
});

/**
 * What a baseline keeps of a result: the figures a verdict compares, not the per-stage and
 * per-fault ones nor the CPU shares of the generator and target (they are in results.json).
 */
export function baselineFigures(
  result: LoadResult,
): Omit<LoadResult, 'stages' | 'faults' | 'duringFaults' | 'cpuShares'> {
  const { stages: _stages, faults: _faults, duringFaults: _duringFaults, cpuShares: _cpuShares, ...figures } = result;
  return figures;
}

export function loadMismatch(before: BaselineEntry['load'], now: BaselineEntry['load']): boolean {
  return (
    JSON.stringify({ ...before, stages: before.stages ?? null, faults: before.faults ?? null }) !==
    JSON.stringify({ ...now, stages: now.stages ?? null, faults: now.faults ?? null })
  );
}

/** Verdicts whose run is never recorded as a baseline: errors beyond the allowed rate, wrong data, a leak, a contradicted claim. */
export const NEVER_RECORDED: ReadonlyArray<Verdict['outcome']> = ['errors', 'check-failed', 'leak', 'contradicted'];

/** Recording a baseline accepts the change against the old one, as a snapshot update does. */
export function acceptedByRecording(verdict: Verdict): Verdict {
  const accepted = verdict.failures.filter(
    (finding) => finding.kind === 'regressed' || finding.kind === 'inconclusive',
  );
  if (accepted.length === 0) return verdict;
  const failures = verdict.failures.filter(
    (finding) => finding.kind !== 'regressed' && finding.kind !== 'inconclusive',
  );
  return {
    ...verdict,
    failures,
    failed: failures.length > 0,
    notes: [
      ...verdict.notes,
      ...accepted.map((finding) => `${finding.message}; accepted: the baseline was recorded anew`),
    ],
  };
}
