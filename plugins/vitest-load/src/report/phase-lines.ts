import type { FaultResult, RecoveryFigure, StageResult } from '../measure/load-result.ts';
import { formatMs } from '../format/format.ts';

/** "10 connections" or "200 req/s": what a stage loaded with. */
export const stageLoad = (stage: Pick<StageResult, 'rate' | 'connections'>): string =>
  stage.rate === undefined ? `${stage.connections} connections` : `${stage.rate} req/s`;

/** "0.40 s" or "not within the load", for a recovery figure. */
export function formatRecovery(recovery: RecoveryFigure): string {
  const seconds = recovery.seconds === null ? 'not within the load' : `${recovery.seconds.toFixed(2)} s`;
  if (recovery.rounds.length <= 1) return seconds;
  return `${seconds} (rounds: ${recovery.rounds.map((round) => (round === null ? 'never' : `${round.toFixed(2)} s`)).join(', ')})`;
}

/** One line per stage and per fault of a result, for its result line. */
export function phaseLines(result: { stages?: StageResult[]; faults?: FaultResult[] }): string[] {
  const stages = (result.stages ?? []).map(
    (stage, index) =>
      `stage ${index + 1} (${stageLoad(stage)}, ${stage.durationSeconds} s): p50 ${formatMs(stage.latencyMs.p50)} · p95 ${formatMs(stage.latencyMs.p95)} · p99 ${formatMs(stage.latencyMs.p99)}, ` +
      `${Math.round(stage.requestsPerSecond).toLocaleString('en-US')} req/s, errors ${stage.errors}` +
      (stage.recovery
        ? `; recovery after it: ${formatRecovery(stage.recovery)} (back to p95 ≈ ${formatMs(stage.recovery.referenceP95Ms)})`
        : ''),
  );
  const faults = (result.faults ?? []).map(
    (fault) =>
      `fault "${fault.name}" at ${fault.atSeconds} s for ${fault.durationSeconds} s (lasted ${fault.actualSeconds.toFixed(2)} s): ${fault.requests.toLocaleString('en-US')} requests, ` +
      `${fault.errors.toLocaleString('en-US')} errors (${(fault.errorRate * 100).toFixed(1)}%), failed p95 ${fault.failedP95Ms === null ? '–' : formatMs(fault.failedP95Ms)}; ` +
      `recovery after it: ${formatRecovery(fault.recovery)} (back to p95 ≈ ${formatMs(fault.recovery.referenceP95Ms)})`,
  );
  return [...stages, ...faults];
}
