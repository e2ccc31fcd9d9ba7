import { environmentDifferences, type MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import { gatedErrorRate, type LoadResult } from '../measure/load-result.ts';
import type { Gate } from '../suite/options.ts';
import type { MemoryVerdict } from './memory-leak.ts';
import { compareCpu, type CpuChange } from './cpu-comparison.ts';
import { compareP95, type Comparison, type P95Change } from './p95-comparison.ts';
import { compareStatements, describeStatementGrowth, type StatementsVerdict } from './statements-check.ts';

/** `enforce` fails the test on a latency verdict; `report` only reports it (CI smoke runs). */
export type LatencyGateMode = 'enforce' | 'report';

export type VerdictOutcome = 'pass' | 'improved' | 'no-baseline' | 'inconclusive' | 'regressed' | 'over-budget' | 'contradicted' | 'more-statements' | 'leak' | 'errors' | 'check-failed';

/** One reason a result is not simply a pass. */
export interface Finding {
  kind: Exclude<VerdictOutcome, 'pass' | 'improved'>;
  message: string;
}

export interface Verdict {
  /** The most serious finding. */
  outcome: VerdictOutcome;
  /** True when the test must fail. */
  failed: boolean;
  /** Relative change of p95 against the baseline or base (0.1 = +10%); absent without one. */
  p95Change?: number;
  /** The change of p95 with its interval and the rule it was judged by. */
  change?: P95Change;
  /** The leak check's findings (`gate.leak`): the growth of the target's memory floor per round. */
  memory?: MemoryVerdict;
  /** The change of the target's CPU time per request, judged like p95's; absent where either side could not count it. */
  cpuChange?: CpuChange;
  /** Statements per request against the baseline or base; absent where either side was not counted. */
  statements?: StatementsVerdict;
  /** Findings that fail the test. */
  failures: Finding[];
  /** Findings reported without failing (latency findings in report mode, inconclusive ones). */
  warnings: Finding[];
  /** Context: a missing baseline, a different environment, a real change below the threshold. */
  notes: string[];
}

export interface VerdictInput {
  scenario: string;
  target: string;
  /** Pooled over the rounds, with each round's figures in `rounds`. */
  result: LoadResult;
  environment: MeasurementEnvironment;
  gate: Gate;
  /** The load this result was measured with; a baseline measured with another is not judged. */
  load: BaselineEntry['load'];
  /** The baseline found, or the base revision measured in this job; undefined when there is neither. */
  comparison: Comparison | undefined;
  /** Where a baseline would be recorded, for the message that says how. */
  baselineFile: string;
  latencyGate: LatencyGateMode;
  requireBaseline: boolean;
  /** Judge the p95 change even when the baseline comes from another environment. */
  compareAcrossEnvironments: boolean;
  /** What the suite's check after the load found wrong, if anything. */
  checkFailure?: string;
  /** The leak check's judgement of the rounds' memory, when the gate asks for one. */
  memory?: MemoryVerdict;
}

export const SEVERITY: VerdictOutcome[] = ['pass', 'improved', 'no-baseline', 'inconclusive', 'regressed', 'over-budget', 'contradicted', 'more-statements', 'leak', 'errors', 'check-failed'];

export const formatMs = (ms: number): string => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
export const formatPercent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

/** "+12.3% (95% CI +8.1% … +16.6%, 6 rounds each; could detect ≥ 6.1%)" */
export function formatChange(change: Pick<P95Change, 'interval' | 'detectable'>, head = 0, base = 0): string {
  const { interval } = change;
  if (!interval) return `${formatPercent(head / base - 1)} (one round each: no interval)`;
  const rounds = interval.baseRounds === interval.headRounds ? `${interval.headRounds} rounds each` : `${interval.headRounds} rounds against ${interval.baseRounds}`;
  const detectable = change.detectable === undefined ? '' : `; could detect ≥ ${formatPercent(change.detectable).slice(1)}`;
  return `${formatPercent(interval.estimate)} (${Math.round(interval.confidence * 100)}% CI ${formatPercent(interval.low)} … ${formatPercent(interval.high)}, ${rounds}${detectable})`;
}

/** Judges one result against its gate and its baseline or base. Pure: the caller decides what to do with it. */
export function judge(input: VerdictInput): Verdict {
  const { result, gate, comparison } = input;
  const label = `${input.scenario} × ${input.target}`;
  const failures: Finding[] = [];
  const latencyFindings: Finding[] = [];
  const inconclusiveFindings: Finding[] = [];
  const notes: string[] = [];
  const outcomes: VerdictOutcome[] = ['pass'];
  let change: P95Change | undefined;

  if (input.checkFailure !== undefined) {
    outcomes.push('check-failed');
    failures.push({ kind: 'check-failed', message: `${label}: the check after the load failed: ${input.checkFailure}` });
  }

  const errorRate = gatedErrorRate(result);
  if (errorRate > gate.maxErrorRate) {
    outcomes.push('errors');
    const statuses = Object.entries(result.statusCodes).map(([code, count]) => `${code}: ${count}`).join(', ');
    const during = result.duringFaults;
    failures.push({
      kind: 'errors',
      message: during
        ? `${label}: error rate outside the faults ${formatPercent(errorRate).slice(1)} is above the allowed ${formatPercent(gate.maxErrorRate).slice(1)} ` +
          `(${result.errors - during.errors} failed requests outside them, ${during.errors} more during them, which are expected; statuses ${statuses || 'none'})`
        : `${label}: error rate ${formatPercent(result.errorRate).slice(1)} is above the allowed ${formatPercent(gate.maxErrorRate).slice(1)} ` +
          `(${result.errors} failed requests, ${result.timeouts} of them timeouts; statuses ${statuses || 'none'})`,
    });
  }

  // Like errors and wrong data, and unlike latency, a leak fails also where the latency gate only reports (CI).
  if (input.memory?.outcome === 'leak') {
    outcomes.push('leak');
    failures.push({ kind: 'leak', message: `${label}: ${input.memory.message}` });
  } else if (input.memory) {
    notes.push(`${label}: ${input.memory.message}`);
  }

  for (const message of recoveryBudgetFindings(result, gate)) {
    outcomes.push('over-budget');
    latencyFindings.push({ kind: 'over-budget', message: `${label}: ${message}` });
  }

  if (gate.maxP95Ms !== undefined && result.latencyMs.p95 > gate.maxP95Ms) {
    outcomes.push('over-budget');
    latencyFindings.push({ kind: 'over-budget', message: `${label}: p95 ${formatMs(result.latencyMs.p95)} is over its budget of ${formatMs(gate.maxP95Ms)}` });
  }
  if (gate.maxP99Ms !== undefined && result.latencyMs.p99 > gate.maxP99Ms) {
    outcomes.push('over-budget');
    latencyFindings.push({ kind: 'over-budget', message: `${label}: p99 ${formatMs(result.latencyMs.p99)} is over its budget of ${formatMs(gate.maxP99Ms)}` });
  }

  if (!comparison) {
    outcomes.push('no-baseline');
    const how = `record one with: pnpm vitest run --project perf -u (writes ${input.baselineFile})`;
    if (input.requireBaseline) failures.push({ kind: 'no-baseline', message: `${label}: no baseline, and a baseline is required; ${how}` });
    else notes.push(`${label}: no baseline yet, so p95 was not compared; ${how}`);
  } else {
    change = compareP95(comparison, result, gate);
    const incomparable = comparison.against === 'baseline' ? incomparability(input, comparison.entry) : undefined;
    const versus = comparison.against === 'base' ? `base ${formatMs(change.baseP95)} at ${change.reference}` : `baseline ${formatMs(change.baseP95)} in ${change.reference}`;
    const rule = `threshold ${formatPercent(change.rule.threshold)}, noise floor ${formatPercent(change.rule.noiseFloor)}`;
    if (incomparable) {
      // Figures from another machine or another load say little about this code change.
      outcomes.push('inconclusive');
      inconclusiveFindings.push({ kind: 'inconclusive', message: `${label}: p95 ${formatChange(change, change.headP95, change.baseP95)} not judged: ${incomparable}` });
    } else if (change.outcome === 'regressed') {
      outcomes.push('regressed');
      latencyFindings.push({ kind: 'regressed', message: `${label}: p95 regressed ${formatChange(change, change.headP95, change.baseP95)}: now ${formatMs(change.headP95)}, ${versus}; ${rule}` });
    } else if (change.outcome === 'inconclusive') {
      outcomes.push('inconclusive');
      inconclusiveFindings.push({
        kind: 'inconclusive',
        message: `${label}: p95 change inconclusive, ${formatChange(change, change.headP95, change.baseP95)}: now ${formatMs(change.headP95)}, ${versus}; the interval spans the noise floor and the threshold (${rule})`,
      });
    } else if (change.outcome === 'improved') {
      outcomes.push('improved');
      notes.push(`${label}: p95 improved ${formatChange(change, change.headP95, change.baseP95)}${comparison.against === 'baseline' ? '; update the baseline (-u) to keep the gain' : ''}`);
    } else if (change.interval && change.interval.low > change.rule.noiseFloor) {
      notes.push(`${label}: p95 rose ${formatChange(change, change.headP95, change.baseP95)}, a real change but below the threshold ${formatPercent(change.rule.threshold)}`);
    }
  }

  const cpuChange = comparison && !incomparableWith(input) ? compareCpu(comparison, result, gate) : undefined;
  if (cpuChange) {
    const versus = `${formatCpuMs(cpuChange.headCpuMs)} per request, ${cpuChange.against} ${formatCpuMs(cpuChange.baseCpuMs)}`;
    const rule = `threshold ${formatPercent(cpuChange.rule.threshold)}, noise floor ${formatPercent(cpuChange.rule.noiseFloor)}`;
    const shown = formatChange(cpuChange, cpuChange.headCpuMs, cpuChange.baseCpuMs);
    if (cpuChange.outcome === 'regressed') {
      outcomes.push('regressed');
      latencyFindings.push({ kind: 'regressed', message: `${label}: CPU per request regressed ${shown}: now ${versus}; ${rule}` });
    } else if (cpuChange.outcome === 'inconclusive') {
      outcomes.push('inconclusive');
      inconclusiveFindings.push({ kind: 'inconclusive', message: `${label}: CPU per request change inconclusive, ${shown}: now ${versus} (${rule})` });
    } else {
      notes.push(`${label}: CPU per request ${shown}: now ${versus}`);
    }
  }
  for (const [figure, judged] of [['p95', change], ['CPU per request', cpuChange]] as const) {
    if (gate.detect === undefined || !judged || judged.outcome === 'regressed' || (judged.detectable !== undefined && judged.detectable <= gate.detect)) continue;
    if (comparison?.against === 'baseline' && incomparableWith(input)) continue;
    outcomes.push('inconclusive');
    const reached = judged.detectable === undefined ? 'no interval (one round each)' : `only ≥ ${formatPercent(judged.detectable).slice(1)} with ${judged.interval!.headRounds} rounds`;
    inconclusiveFindings.push({ kind: 'inconclusive', message: `${label}: ${figure} could not be judged as finely as gate.detect asks (${formatPercent(gate.detect).slice(1)}): this machine reached ${reached}; allow more rounds (rounds.max) or a larger gate.detect` });
  }

  const baseCost = comparison ? (comparison.against === 'base' ? comparison.result.cost : comparison.entry.cost) : undefined;
  const statements = gate.statements === 'off' ? undefined : compareStatements(baseCost?.statements, result.cost?.statements);
  if (statements?.outcome === 'more') {
    // Counts are the code's, on any machine: this fails also where latency is only reported.
    outcomes.push('more-statements');
    failures.push({ kind: 'more-statements', message: `${label}: ${describeStatementGrowth(statements)} (against the ${comparison?.against === 'base' ? `base at ${change?.reference ?? 'base'}` : 'baseline'})` });
  }

  const warnings: Finding[] = [];
  if (input.latencyGate === 'enforce') failures.push(...latencyFindings);
  else warnings.push(...latencyFindings.map((finding) => ({ ...finding, message: `${finding.message} (reported only: the latency gate is in report mode)` })));
  if (gate.inconclusive === 'fail' && input.latencyGate === 'enforce') failures.push(...inconclusiveFindings);
  else warnings.push(...inconclusiveFindings);

  const outcome = outcomes.reduce((worst, next) => (SEVERITY.indexOf(next) > SEVERITY.indexOf(worst) ? next : worst));
  const p95Change = change ? (change.interval?.estimate ?? change.headP95 / change.baseP95 - 1) : undefined;
  return {
    outcome,
    failed: failures.length > 0,
    ...(p95Change === undefined ? {} : { p95Change }),
    ...(change ? { change } : {}),
    ...(input.memory ? { memory: input.memory } : {}),
    ...(cpuChange ? { cpuChange } : {}),
    ...(statements ? { statements } : {}),
    failures,
    warnings,
    notes,
  };
}

/** The recovery and fail-fast budgets a result overran, one message each. */
export function recoveryBudgetFindings(result: Pick<LoadResult, 'stages' | 'faults'>, gate: Pick<Gate, 'maxRecoverySeconds' | 'maxFaultErrorP95Ms'>): string[] {
  const messages: string[] = [];
  const recoveries = [
    ...(result.stages ?? []).flatMap((stage, index) => (stage.recovery ? [{ what: `after stage ${index + 1} (${stage.rate === undefined ? `${stage.connections} connections` : `${stage.rate} req/s`})`, recovery: stage.recovery }] : [])),
    ...(result.faults ?? []).map((fault) => ({ what: `after the fault "${fault.name}"`, recovery: fault.recovery })),
  ];
  const budget = gate.maxRecoverySeconds;
  if (budget !== undefined) {
    for (const { what, recovery } of recoveries) {
      const rounds = recovery.rounds.map((seconds) => (seconds === null ? 'never' : `${seconds.toFixed(1)} s`)).join(', ');
      if (recovery.seconds === null) {
        messages.push(`latency did not recover ${what} before the load ended (back means p95 near ${formatMs(recovery.referenceP95Ms)} again, without errors; rounds: ${rounds}); the budget is ${budget} s`);
      } else if (recovery.seconds > budget) {
        messages.push(`latency took ${recovery.seconds.toFixed(2)} s to recover ${what}, over the budget of ${budget} s (median of rounds: ${rounds}; back to p95 near ${formatMs(recovery.referenceP95Ms)})`);
      }
    }
  }
  const failFast = gate.maxFaultErrorP95Ms;
  if (failFast !== undefined) {
    for (const fault of result.faults ?? []) {
      if (fault.failedP95Ms !== null && fault.failedP95Ms > failFast) {
        messages.push(`during the fault "${fault.name}" failed requests took ${formatMs(fault.failedP95Ms)} at p95, over the budget of ${formatMs(failFast)}: the target hangs rather than failing fast`);
      }
    }
  }
  return messages;
}

const formatCpuMs = (ms: number): string => `${ms.toFixed(ms < 1 ? 3 : 2)} ms CPU`;

/** True when the comparison is a stored baseline that cannot judge this result (another machine or load). */
const incomparableWith = (input: VerdictInput): boolean => input.comparison?.against === 'baseline' && incomparability(input, input.comparison.entry) !== undefined;

/** Why a stored baseline cannot judge this result, if it cannot: another environment (unless allowed) or another load. */
function incomparability(input: VerdictInput, entry: BaselineEntry): string | undefined {
  const differences = input.compareAcrossEnvironments ? [] : environmentDifferences(input.environment, entry.environment);
  const loadChanges = loadDifferences(input.load, entry.load);
  const reasons = [
    ...(differences.length > 0 ? [`the baseline was measured in another environment (${differences.join('; ')}); re-record it here (-u), or allow the comparison with VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1`] : []),
    ...(loadChanges.length > 0 ? [`the baseline was measured with another load (${loadChanges.join('; ')})`] : []),
  ];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

function loadDifferences(now: BaselineEntry['load'], before: BaselineEntry['load']): string[] {
  const fields: Array<keyof BaselineEntry['load']> = ['connections', 'warmupSeconds', 'durationSeconds', 'stages', 'faults'];
  const shown = (value: unknown): string => (value === undefined ? 'none' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return fields.filter((field) => shown(now[field]) !== shown(before[field])).map((field) => `${field}: ${shown(before[field])} → ${shown(now[field])}`);
}
