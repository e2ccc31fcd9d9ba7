import { describeCpuShares } from '../measure/generator-bound.ts';
import { generatorBoundRefusal } from './expectation.ts';
import type { RuleFindings } from './findings.ts';
import type { VerdictInput } from './verdict-input.ts';

/**
 * A comparison's claims about this result: a contradicted one always fails, as a failed data
 * check does; an undecided one is inconclusive. A claim judged on a result that is itself
 * generator-bound is undecided too, whatever it came to: the claims were meant to be refused
 * before (verdict/expectation.ts), and a capped figure must never hold or fail one.
 */
export function claimsRule({
  claims,
  result,
  target,
}: Pick<VerdictInput, 'claims' | 'result' | 'target'>): RuleFindings {
  const findings: Required<Pick<RuleFindings, 'outcomes' | 'failures' | 'inconclusive' | 'notes'>> = {
    outcomes: [],
    failures: [],
    inconclusive: [],
    notes: [],
  };
  const capped = result.cpuShares?.generatorBound ? result.cpuShares : undefined;
  for (const claim of claims?.verdicts ?? []) {
    const message = `${claims!.label}: ${claim.message}`;
    if (capped && !claim.refused) {
      findings.outcomes.push('inconclusive');
      findings.inconclusive.push({
        kind: 'inconclusive',
        message: `${claims!.label}: ${generatorBoundRefusal(claim.expectation, [`${target} (${describeCpuShares(capped)})`])}`,
      });
    } else if (claim.outcome === 'held') findings.notes.push(message);
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
