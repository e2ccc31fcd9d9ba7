import type { RuleFindings } from './findings.ts';
import type { VerdictInput } from './verdict-input.ts';

/** A statement run more often per request in head than in base. */
export interface StatementGrowth {
  query: string;
  /** Calls per request; 0 for a statement base never ran. */
  base: number;
  head: number;
}

export interface StatementsVerdict {
  outcome: 'same' | 'more';
  basePerRequest: number;
  headPerRequest: number;
  /** The statements that grew or appeared, the largest growth first. */
  grew: StatementGrowth[];
}

/**
 * Counts are not timings: a statement per request more is the code's doing on any machine, so
 * this check fails where latency is only reported (CI). Compared per statement, so an N+1 that
 * slipped in names its query. Per-request rates of a random mix wobble by sampling, and the
 * requests cut off at a load's end leave their statements behind, so a statement counts as grown
 * only beyond both a twentieth of a call per request and 5% of what base ran, after taking out
 * what head's own cut-off requests could have run (`headCutOffPerRequest`).
 */
export const STATEMENT_TOLERANCE = { perRequest: 0.05, relative: 0.05 } as const;

export function compareStatements(
  base: Record<string, number> | undefined,
  head: Record<string, number> | undefined,
  headCutOffPerRequest = 0,
): StatementsVerdict | undefined {
  if (!base || !head) return undefined;
  const grew = Object.entries(head)
    .map(([query, perRequest]) => ({ query, base: base[query] ?? 0, head: perRequest }))
    // A cut-off request may have run a whole request's statements: at most this share more per answered request.
    .filter(
      (change) =>
        change.head / (1 + headCutOffPerRequest) - change.base >
        Math.max(STATEMENT_TOLERANCE.perRequest, change.base * STATEMENT_TOLERANCE.relative),
    )
    .sort((a, b) => b.head - b.base - (a.head - a.base));
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, value) => sum + value, 0);
  return { outcome: grew.length > 0 ? 'more' : 'same', basePerRequest: total(base), headPerRequest: total(head), grew };
}

/** "statements per request 1.0 → 21.0: +20.0 × SELECT ... (new)" */
export function describeStatementGrowth(verdict: StatementsVerdict): string {
  const lines = verdict.grew
    .slice(0, 5)
    .map(
      (change) =>
        `${change.base === 0 ? 'new' : `${change.base.toFixed(2)} →`} ${change.head.toFixed(2)} per request: ${change.query.length > 120 ? `${change.query.slice(0, 117)}...` : change.query}`,
    );
  const more = verdict.grew.length > 5 ? [`and ${verdict.grew.length - 5} more`] : [];
  return `statements per request rose ${verdict.basePerRequest.toFixed(2)} → ${verdict.headPerRequest.toFixed(2)}: ${[...lines, ...more].join('; ')}`;
}

/** Statements per request against the baseline or base: counts are the code's on any machine, so more fails also where latency is only reported. */
export function statementsRule({ comparison, result, gate }: VerdictInput, label: string): RuleFindings {
  if (gate.statements === 'off' || !comparison) return {};
  const baseCost = comparison.against === 'base' ? comparison.result.cost : comparison.entry.cost;
  const statements = compareStatements(baseCost?.statements, result.cost?.statements, result.cost?.cutOffPerRequest);
  if (!statements) return {};
  if (statements.outcome !== 'more') return { figures: { statements } };
  const against = comparison.against === 'base' ? `base at ${comparison.revision}` : 'baseline';
  return {
    outcomes: ['more-statements'],
    failures: [
      { kind: 'more-statements', message: `${label}: ${describeStatementGrowth(statements)} (against the ${against})` },
    ],
    figures: { statements },
  };
}
