import { budgetRule } from './budget-rules.ts';
import { claimsRule } from './claims-rule.ts';
import { checkRule, errorRule, leakRule } from './data-rules.ts';
import { verdictOf, type RuleFindings, type Verdict } from './findings.ts';
import { baselineRule, cpuRule, detectRule, p95Rule } from './regression-rules.ts';
import { statementsRule } from './statements-check.ts';
import type { VerdictInput } from './verdict-input.ts';

export type { Finding, LatencyGateMode, Verdict, VerdictOutcome } from './findings.ts';
export { SEVERITY } from './findings.ts';
export type { VerdictInput } from './verdict-input.ts';
export { recoveryBudgetFindings } from './budget-rules.ts';

/**
 * Judges one result against its gate, its baseline or base and the claims about it: each rule
 * returns its findings, merged once into the verdict. Pure: the caller decides what to do with it.
 */
export function judge(input: VerdictInput): Verdict {
  const label = `${input.scenario} × ${input.target}`;
  const p95 = p95Rule(input, label);
  const cpu = cpuRule(input, label);
  const rules: RuleFindings[] = [
    checkRule(input, label),
    errorRule(input, label),
    leakRule(input, label),
    budgetRule(input, label),
    baselineRule(input, label),
    p95,
    cpu,
    detectRule(input, label, { p95: p95.figures?.change, cpu: cpu.figures?.cpuChange }),
    statementsRule(input, label),
  ];
  // The claims come after the result's own findings in every list, as a comparison reads them.
  return verdictOf([rules, [claimsRule(input)]], {
    latencyGate: input.latencyGate,
    inconclusive: input.gate.inconclusive,
  });
}
