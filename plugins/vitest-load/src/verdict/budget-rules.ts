import type { LoadResult } from '../measure/load-result.ts';
import { formatMs } from '../format/format.ts';
import type { RuleFindings } from './findings.ts';
import type { Gate } from './gate.ts';
import type { VerdictInput } from './verdict-input.ts';

/** Absolute budgets: p95 and p99 under their ceilings, latency back soon enough after a raised stage or a fault. */
export function budgetRule({ result, gate }: VerdictInput, label: string): RuleFindings {
  const messages = [...recoveryBudgetFindings(result, gate)];
  if (gate.maxP95Ms !== undefined && result.latencyMs.p95 > gate.maxP95Ms)
    messages.push(`p95 ${formatMs(result.latencyMs.p95)} is over its budget of ${formatMs(gate.maxP95Ms)}`);
  if (gate.maxP99Ms !== undefined && result.latencyMs.p99 > gate.maxP99Ms)
    messages.push(`p99 ${formatMs(result.latencyMs.p99)} is over its budget of ${formatMs(gate.maxP99Ms)}`);
  return {
    outcomes: messages.map(() => 'over-budget' as const),
    latency: messages.map((message) => ({ kind: 'over-budget', message: `${label}: ${message}` })),
  };
}

/** The recovery and fail-fast budgets a result overran, one message each. */
export function recoveryBudgetFindings(
  result: Pick<LoadResult, 'stages' | 'faults'>,
  gate: Pick<Gate, 'maxRecoverySeconds' | 'maxFaultErrorP95Ms'>,
): string[] {
  const messages: string[] = [];
  const recoveries = [
    ...(result.stages ?? []).flatMap((stage, index) =>
      stage.recovery
        ? [
            {
              what: `after stage ${index + 1} (${stage.rate === undefined ? `${stage.connections} connections` : `${stage.rate} req/s`})`,
              recovery: stage.recovery,
            },
          ]
        : [],
    ),
    ...(result.faults ?? []).map((fault) => ({ what: `after the fault "${fault.name}"`, recovery: fault.recovery })),
  ];
  const budget = gate.maxRecoverySeconds;
  if (budget !== undefined) {
    for (const { what, recovery } of recoveries) {
      const rounds = recovery.rounds
        .map((seconds) => (seconds === null ? 'never' : `${seconds.toFixed(1)} s`))
        .join(', ');
      if (recovery.seconds === null) {
        messages.push(
          `latency did not recover ${what} before the load ended (back means p95 near ${formatMs(recovery.referenceP95Ms)} again, without errors; rounds: ${rounds}); the budget is ${budget} s`,
        );
      } else if (recovery.seconds > budget) {
        messages.push(
          `latency took ${recovery.seconds.toFixed(2)} s to recover ${what}, over the budget of ${budget} s (median of rounds: ${rounds}; back to p95 near ${formatMs(recovery.referenceP95Ms)})`,
        );
      }
    }
  }
  const failFast = gate.maxFaultErrorP95Ms;
  if (failFast !== undefined) {
    for (const fault of result.faults ?? []) {
      if (fault.failedP95Ms !== null && fault.failedP95Ms > failFast) {
        messages.push(
          `during the fault "${fault.name}" failed requests took ${formatMs(fault.failedP95Ms)} at p95, over the budget of ${formatMs(failFast)}: the target hangs rather than failing fast`,
        );
      }
    }
  }
  return messages;
}
