/** A stage as the load ran it: an arrival rate (open model) or connections (closed), for so many seconds. */
type MeasuredStage = { duration: number; rate: number } | { duration: number; connections: number };
import { newPhaseCounts, type PhaseCounts, type PhaseTally } from './load-phases.ts';
import type { FaultResult, LoadResult, RecoveryFigure, StageResult } from './load-result.ts';
import { medianRecovery } from './recovery.ts';

/** The planned faults, as the summary names them. */
export interface PlannedFault {
  name: string;
  at: number;
  duration: number;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function pooled(counts: PhaseCounts[]): PhaseCounts {
  const total = newPhaseCounts();
  for (const part of counts) {
    total.attempts += part.attempts;
    total.responses += part.responses;
    total.errors += part.errors;
    total.latency.add(part.latency);
    total.failedLatency.add(part.failedLatency);
  }
  return total;
}

function recoveryFigure(rounds: Array<number | undefined>, references: number[]): RecoveryFigure {
  return {
    seconds: medianRecovery(rounds) ?? null,
    rounds: rounds.map((seconds) => seconds ?? null),
    referenceP95Ms: median(references),
  };
}

/**
 * Per-stage and per-fault figures of a load's rounds, pooled: counts add up, percentiles come
 * from the pooled buckets (within 1%), recovery is the median round's (`medianRecovery`).
 * The error rate outside faults needs the load's attempts, which only its outcome knows.
 */
export function summarizePhases(
  tallies: PhaseTally[],
  stages: MeasuredStage[] | undefined,
  faults: PlannedFault[],
  totals: { errors: number; attempts: number },
): Pick<LoadResult, 'stages' | 'faults' | 'duringFaults'> {
  const references = tallies.map((tally) => tally.referenceP95Ms);
  const stageResults = stages?.map((stage, index): StageResult => {
    const counts = pooled(tallies.map((tally) => tally.stages[index]!));
    const recoveries = tallies.map((tally) => tally.stageRecoveries);
    const falls = recoveries.some((byStage) => byStage.has(index));
    return {
      durationSeconds: stage.duration,
      ...('rate' in stage ? { rate: stage.rate } : { connections: stage.connections }),
      requests: counts.responses,
      requestsPerSecond: counts.responses / (stage.duration * Math.max(1, tallies.length)),
      errors: counts.errors,
      errorRate: counts.attempts === 0 ? 0 : counts.errors / counts.attempts,
      latencyMs: {
        p50: counts.latency.percentileMs(50),
        p95: counts.latency.percentileMs(95),
        p99: counts.latency.percentileMs(99),
      },
      ...(falls
        ? {
            recovery: recoveryFigure(
              recoveries.map((byStage) => byStage.get(index)),
              references,
            ),
          }
        : {}),
    };
  });
  if (faults.length === 0) return stageResults ? { stages: stageResults } : {};
  const faultResults = faults.map((fault, index): FaultResult => {
    const rounds = tallies.map((tally) => tally.faults[index]!);
    const counts = pooled(rounds);
    const failures = counts.errors;
    return {
      name: fault.name,
      atSeconds: fault.at,
      durationSeconds: fault.duration,
      actualSeconds: median(
        rounds.flatMap((round) =>
          round.startedMs !== undefined && round.endedMs !== undefined
            ? [(round.endedMs - round.startedMs) / 1000]
            : [],
        ),
      ),
      requests: counts.attempts,
      errors: failures,
      errorRate: counts.attempts === 0 ? 0 : failures / counts.attempts,
      failedP95Ms: failures === 0 ? null : counts.failedLatency.percentileMs(95),
      recovery: recoveryFigure(
        rounds.map((round) => round.recoverySeconds),
        references,
      ),
    };
  });
  const during = tallies.reduce(
    (sum, tally) => ({
      attempts: sum.attempts + tally.duringFaults.attempts,
      errors: sum.errors + tally.duringFaults.errors,
    }),
    { attempts: 0, errors: 0 },
  );
  const outsideAttempts = totals.attempts - during.attempts;
  const outsideErrors = Math.max(0, totals.errors - during.errors);
  return {
    ...(stageResults ? { stages: stageResults } : {}),
    faults: faultResults,
    duringFaults: {
      requests: during.attempts,
      errors: during.errors,
      errorRateOutside: outsideAttempts <= 0 ? 0 : Math.min(1, outsideErrors / outsideAttempts),
    },
  };
}
