import type { CpuChange } from './cpu-comparison.ts';
import type { MemoryVerdict } from './memory-leak.ts';
import type { P95Change } from './p95-comparison.ts';
import type { StatementsVerdict } from './statements-check.ts';

/** `enforce` fails the test on a latency verdict; `report` only reports it (CI smoke runs). */
export type LatencyGateMode = 'enforce' | 'report';

export type VerdictOutcome =
  | 'pass'
  | 'improved'
  | 'no-baseline'
  | 'inconclusive'
  | 'regressed'
  | 'over-budget'
  | 'contradicted'
  | 'more-statements'
  | 'leak'
  | 'errors'
  | 'check-failed';

/** Outcomes from the least to the most serious: a verdict's outcome is its most serious one. */
export const SEVERITY: VerdictOutcome[] = [
  'pass',
  'improved',
  'no-baseline',
  'inconclusive',
  'regressed',
  'over-budget',
  'contradicted',
  'more-statements',
  'leak',
  'errors',
  'check-failed',
];

/**
 * What the findings of many results can have in common (every baseline from another machine,
 * say): the reports show such findings as one line instead of one per result.
 */
export interface FindingCause {
  /** Findings with the same id have the same cause. */
  id: string;
  /** What a result's verdict cell says instead of the whole message: "not judged (environment)". */
  short: string;
  /** The one line for them all, after "N results ": "not judged: the baselines come from …; `… -u` records yours". */
  summary: string;
}

/** One reason a result is not simply a pass. */
export interface Finding {
  kind: Exclude<VerdictOutcome, 'pass' | 'improved'>;
  message: string;
  cause?: FindingCause;
}

/** The figures a verdict carries for the reports, beside its findings. */
export interface VerdictFigures {
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
}

export interface Verdict extends VerdictFigures {
  /** The most serious finding. */
  outcome: VerdictOutcome;
  /** True when the test must fail. */
  failed: boolean;
  /** Findings that fail the test. */
  failures: Finding[];
  /** Findings reported without failing (latency findings in report mode, inconclusive ones). */
  warnings: Finding[];
  /** Context: a missing baseline, a different environment, a real change below the threshold. */
  notes: string[];
}

/**
 * What one rule found. Each kind of finding fails where it should: `failures` everywhere (wrong
 * data, errors, a leak, more statements, a broken claim: counts and checks, not timings),
 * `latency` only where the latency gate enforces, `inconclusive` only with `gate.inconclusive:
 * 'fail'` where it enforces.
 */
export interface RuleFindings {
  outcomes?: VerdictOutcome[];
  failures?: Finding[];
  latency?: Finding[];
  inconclusive?: Finding[];
  notes?: string[];
  figures?: VerdictFigures;
}

/** How the latency findings count here: the gate's mode and what an undecided verdict does. */
export interface FindingPolicy {
  latencyGate: LatencyGateMode;
  inconclusive: 'warn' | 'fail';
}

/**
 * The one place findings become a verdict. Groups keep their order in the messages: each
 * group's failures, then its latency findings, then its undecided ones.
 */
export function verdictOf(groups: RuleFindings[][], policy: FindingPolicy): Verdict {
  const failures: Finding[] = [];
  const warnings: Finding[] = [];
  const notes: string[] = [];
  const outcomes: VerdictOutcome[] = ['pass'];
  let figures: VerdictFigures = {};
  const enforce = policy.latencyGate === 'enforce';
  for (const group of groups) {
    const latency = group.flatMap((rule) => rule.latency ?? []);
    const inconclusive = group.flatMap((rule) => rule.inconclusive ?? []);
    failures.push(...group.flatMap((rule) => rule.failures ?? []));
    if (enforce) failures.push(...latency);
    else
      warnings.push(
        ...latency.map((finding) => ({
          ...finding,
          message: `${finding.message} (reported only: the latency gate is in report mode)`,
        })),
      );
    if (policy.inconclusive === 'fail' && enforce) failures.push(...inconclusive);
    else warnings.push(...inconclusive);
    for (const rule of group) {
      outcomes.push(...(rule.outcomes ?? []));
      notes.push(...(rule.notes ?? []));
      figures = { ...figures, ...rule.figures };
    }
  }
  const outcome = outcomes.reduce((worst, next) => (SEVERITY.indexOf(next) > SEVERITY.indexOf(worst) ? next : worst));
  return { outcome, failed: failures.length > 0, ...figures, failures, warnings, notes };
}
