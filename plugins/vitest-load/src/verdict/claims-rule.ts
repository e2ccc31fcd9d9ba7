import type { RuleFindings } from './findings.ts';
import type { VerdictInput } from './verdict-input.ts';

/** A comparison's claims about this result: a contradicted one always fails, as a failed data check does; an undecided one is inconclusive. */
export function claimsRule({ claims }: VerdictInput): RuleFindings {
  const findings: Required<Pick<RuleFindings, 'outcomes' | 'failures' | 'inconclusive' | 'notes'>> = {
    outcomes: [],
    failures: [],
    inconclusive: [],
    notes: [],
  };
  for (const claim of claims?.verdicts ?? []) {
    const message = `${claims!.label}: ${claim.message}`;
    if (claim.outcome === 'held') findings.notes.push(message);
    else if (claim.outcome === 'contradicted') {
      findings.outcomes.push('contradicted');
      findings.failures.push({ kind: 'contradicted', message });
    } else {
      findings.outcomes.push('inconclusive');
      findings.inconclusive.push({ kind: 'inconclusive', message });
    }
  }
  return findings;
}
