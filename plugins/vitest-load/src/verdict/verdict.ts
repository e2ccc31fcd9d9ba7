import { environmentDifferences, type MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult } from '../measure/load-result.ts';
import type { Gate } from '../suite/options.ts';

/** `enforce` fails the test on a latency verdict; `report` only reports it (CI smoke runs). */
export type LatencyGateMode = 'enforce' | 'report';

export type VerdictOutcome = 'pass' | 'improved' | 'no-baseline' | 'regressed' | 'over-budget' | 'errors' | 'check-failed';

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
  /** Relative change of p95 against the baseline (0.1 = +10%); absent without a baseline. */
  p95Change?: number;
  /** Findings that fail the test. */
  failures: Finding[];
  /** Findings reported without failing (latency findings in report mode). */
  warnings: Finding[];
  /** Context: a missing baseline, a different environment. */
  notes: string[];
}

export interface VerdictInput {
  scenario: string;
  target: string;
  result: LoadResult;
  environment: MeasurementEnvironment;
  gate: Gate;
  /** The load this result was measured with; a baseline measured with another is not enforced. */
  load: BaselineEntry['load'];
  baseline: BaselineEntry | undefined;
  baselineFile: string;
  latencyGate: LatencyGateMode;
  requireBaseline: boolean;
  /** Enforce the p95 comparison even when the baseline comes from another environment. */
  compareAcrossEnvironments: boolean;
  /** What the suite's check after the load found wrong, if anything. */
  checkFailure?: string;
}

const SEVERITY: VerdictOutcome[] = ['pass', 'improved', 'no-baseline', 'regressed', 'over-budget', 'errors', 'check-failed'];

export const formatMs = (ms: number): string => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
export const formatPercent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

/** Judges one result against its gate and baseline. Pure: the caller decides what to do with it. */
export function judge(input: VerdictInput): Verdict {
  const { result, gate, baseline } = input;
  const label = `${input.scenario} × ${input.target}`;
  const failures: Finding[] = [];
  const latencyFindings: Finding[] = [];
  const incomparableFindings: Finding[] = [];
  const notes: string[] = [];
  const outcomes: VerdictOutcome[] = ['pass'];
  let p95Change: number | undefined;

  if (input.checkFailure !== undefined) {
    outcomes.push('check-failed');
    failures.push({ kind: 'check-failed', message: `${label}: the check after the load failed: ${input.checkFailure}` });
  }

  if (result.errorRate > gate.maxErrorRate) {
    outcomes.push('errors');
    const statuses = Object.entries(result.statusCodes).map(([code, count]) => `${code}: ${count}`).join(', ');
    failures.push({
      kind: 'errors',
      message:
      `${label}: error rate ${formatPercent(result.errorRate).slice(1)} is above the allowed ${formatPercent(gate.maxErrorRate).slice(1)} ` +
        `(${result.errors} failed requests, ${result.timeouts} of them timeouts; statuses ${statuses || 'none'})`,
    });
  }

  if (gate.maxP95Ms !== undefined && result.latencyMs.p95 > gate.maxP95Ms) {
    outcomes.push('over-budget');
    latencyFindings.push({ kind: 'over-budget', message: `${label}: p95 ${formatMs(result.latencyMs.p95)} is over its budget of ${formatMs(gate.maxP95Ms)}` });
  }
  if (gate.maxP99Ms !== undefined && result.latencyMs.p99 > gate.maxP99Ms) {
    outcomes.push('over-budget');
    latencyFindings.push({ kind: 'over-budget', message: `${label}: p99 ${formatMs(result.latencyMs.p99)} is over its budget of ${formatMs(gate.maxP99Ms)}` });
  }

  if (!baseline) {
    outcomes.push('no-baseline');
    const how = `record one with: pnpm vitest run --project perf -u (writes ${input.baselineFile})`;
    if (input.requireBaseline) failures.push({ kind: 'no-baseline', message: `${label}: no baseline, and a baseline is required; ${how}` });
    else notes.push(`${label}: no baseline yet, so p95 was not compared; ${how}`);
  } else {
    const differences = environmentDifferences(input.environment, baseline.environment);
    const loadChanges = loadDifferences(input.load, baseline.load);
    // Figures from another machine, or from another load (a watch-mode short run, a suite whose
    // load changed), say little about this code change; enforcing them would fail or pass for
    // reasons that have nothing to do with the change.
    const comparable = (differences.length === 0 || input.compareAcrossEnvironments) && loadChanges.length === 0;
    if (differences.length > 0) {
      notes.push(
        `${label}: the baseline was measured in another environment (${differences.join('; ')})` +
          (comparable ? '' : '; its p95 change is reported, not enforced. Re-record the baseline here (-u) or set VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1'),
      );
    }
    if (loadChanges.length > 0) {
      notes.push(`${label}: the baseline was measured with another load (${loadChanges.join('; ')}); its p95 change is reported, not enforced`);
    }
    const before = baseline.latencyMs.p95;
    p95Change = before > 0 ? (result.latencyMs.p95 - before) / before : 0;
    if (p95Change > gate.maxP95Increase) {
      outcomes.push('regressed');
      (comparable ? latencyFindings : incomparableFindings).push({
        kind: 'regressed',
        message:
        `${label}: p95 regressed ${formatPercent(p95Change)} (now ${formatMs(result.latencyMs.p95)}, ` +
          `baseline ${formatMs(before)} in ${input.baselineFile}), threshold ${formatPercent(gate.maxP95Increase)}`,
      });
    } else if (p95Change < -gate.maxP95Increase) {
      outcomes.push('improved');
      notes.push(`${label}: p95 improved ${formatPercent(p95Change)}; update the baseline (-u) to keep the gain`);
    }
  }

  const warnings: Finding[] = [];
  if (input.latencyGate === 'enforce') failures.push(...latencyFindings);
  else warnings.push(...latencyFindings.map((finding) => ({ ...finding, message: `${finding.message} (reported only: the latency gate is in report mode)` })));
  warnings.push(...incomparableFindings.map((finding) => ({ ...finding, message: `${finding.message} (reported only: the baseline was measured elsewhere or with another load)` })));

  const outcome = outcomes.reduce((worst, next) => (SEVERITY.indexOf(next) > SEVERITY.indexOf(worst) ? next : worst));
  return { outcome, failed: failures.length > 0, ...(p95Change === undefined ? {} : { p95Change }), failures, warnings, notes };
}


function loadDifferences(now: BaselineEntry['load'], before: BaselineEntry['load']): string[] {
  const fields: Array<keyof BaselineEntry['load']> = ['connections', 'warmupSeconds', 'durationSeconds'];
  return fields.filter((field) => now[field] !== before[field]).map((field) => `${field}: ${before[field]} → ${now[field]}`);
}
