import type { Finding, FindingCause } from '../verdict/findings.ts';
import type { Verdict } from '../verdict/verdict.ts';
import type { LoadTestMeta } from './task-meta.ts';

/** One cause behind findings of several results: the reports show it as one line. */
export interface SharedCause {
  cause: FindingCause;
  /** How many results have a finding with this cause. */
  results: number;
  /** True when any of those findings fails its test. */
  failed: boolean;
}

/**
 * The causes that at least two results share, the most common first. A cause of a single
 * result is no shorter as a line of its own: its finding stays in full.
 */
export function sharedCauses(metas: LoadTestMeta[]): SharedCause[] {
  const byId = new Map<string, SharedCause>();
  for (const meta of metas) {
    const seen = new Set<string>();
    const findings = [
      ...meta.verdict.failures.map((finding) => ({ finding, failed: true })),
      ...meta.verdict.warnings.map((finding) => ({ finding, failed: false })),
    ];
    for (const { finding, failed } of findings) {
      const cause = finding.cause;
      if (!cause) continue;
      const shared = byId.get(cause.id) ?? { cause, results: 0, failed: false };
      if (!seen.has(cause.id)) shared.results++;
      seen.add(cause.id);
      shared.failed ||= failed;
      byId.set(cause.id, shared);
    }
  }
  return [...byId.values()].filter((shared) => shared.results >= 2).sort((a, b) => b.results - a.results);
}

/** "181 results not judged: the baselines come from …". */
export function causeLine(shared: SharedCause): string {
  return `${shared.results} result${shared.results === 1 ? '' : 's'} ${shared.cause.summary}`;
}

/** The findings to list one by one: those whose cause is not already a line of its own. */
export function ownFindings(findings: Finding[], shared: SharedCause[]): Finding[] {
  const ids = new Set(shared.map((each) => each.cause.id));
  return findings.filter((finding) => !finding.cause || !ids.has(finding.cause.id));
}

/**
 * What an undecided verdict's cell says when every undecided finding has one cause: "not judged
 * (environment)" rather than "inconclusive", since nothing was measured inconclusively.
 */
export function causeLabel(verdict: Verdict): string | undefined {
  const undecided = [...verdict.failures, ...verdict.warnings].filter((finding) => finding.kind === 'inconclusive');
  const labels = new Set(undecided.map((finding) => finding.cause?.short));
  const [only] = labels;
  return labels.size === 1 ? only : undefined;
}
