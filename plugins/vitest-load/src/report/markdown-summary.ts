import { formatMs } from '../format/format.ts';
import { causeLine, ownFindings, sharedCauses, type SharedCause } from './finding-causes.ts';
import { fitLines, sizeOf } from './markdown-fit.ts';
import { changeCell, formatCpuCost, formatStatements } from './result-cells.ts';
import { bottleneckLine, planFlagLines } from './bottleneck-line.ts';
import { phaseLines } from './phase-lines.ts';
import { byUrgency, type ResultEntry, type ResultsFile } from './results-file.ts';
import { generatorBoundMarker } from '../measure/generator-bound.ts';
import { verdictLabel, verdictWithMarker } from './results-table.ts';

/**
 * GitHub refuses a comment of more than 65,536 characters; the margin leaves room for what a
 * workflow may add around the summary (a heading, a marker to edit it by).
 */
export const MARKDOWN_SUMMARY_LIMIT = 60_000;

export interface MarkdownSummaryOptions {
  /** Where the whole report can be found (a CI run's page with its artifacts); otherwise its file is named. */
  reportLink?: string;
  /** The most characters the summary may take. Default: `MARKDOWN_SUMMARY_LIMIT`. */
  limit?: number;
}

/** The largest changes of p95 among the results not listed in full, in a summary too long to list every row. */
const TOP_CHANGES = 10;

const escapeCell = (text: string): string => text.replaceAll('|', '\\|');

const TABLE_HEAD = [
  '| scenario | target | p50 | p95 | p99 | req/s | errors | Δ p95 | CPU/request (Δ) | statements/request | verdict |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
];

function row(entry: ResultEntry): string {
  const { latencyMs, requestsPerSecond, errors } = entry.result;
  const verdict = entry.verdict.failed ? `**${verdictWithMarker(entry)}**` : verdictWithMarker(entry);
  return `| ${escapeCell(entry.scenario)} | ${escapeCell(entry.target)} | ${formatMs(latencyMs.p50)} | ${formatMs(latencyMs.p95)} | ${formatMs(latencyMs.p99)} | ${Math.round(requestsPerSecond).toLocaleString('en-US')} | ${errors} | ${changeCell(entry.verdict)} | ${formatCpuCost(entry.result, entry.verdict)} | ${formatStatements(entry.result, entry.verdict)} | ${verdict} |`;
}

/** Every finding in full, but those whose cause already stands as one line. */
function findingLines(entries: ResultEntry[], shared: SharedCause[]): string[] {
  return entries.flatMap((entry) => [
    ...ownFindings(entry.verdict.failures, shared).map((finding) => `- ❌ ${finding.message}`),
    ...ownFindings(entry.verdict.warnings, shared).map((finding) => `- ⚠️ ${finding.message}`),
    // Its figures are the generator's ceiling, not the target's: a reader must not take them as the target's.
    ...(entry.result.cpuShares?.generatorBound
      ? [`- ⚠️ ${entry.scenario} × ${entry.target}: ${generatorBoundMarker(entry.result.cpuShares)}`]
      : []),
  ]);
}

/** A spike's stages and a fault's figures, under the result they belong to. */
function phaseBlock(entries: ResultEntry[]): string[] {
  return entries.flatMap((entry) => {
    const lines = phaseLines(entry.result);
    return lines.length === 0
      ? []
      : [`- **${escapeCell(entry.scenario)} × ${escapeCell(entry.target)}**`, ...lines.map((line) => `  - ${line}`)];
  });
}

/** Where each result's time went, and what the plans of its costliest statements show (docs/bottleneck.md). */
function whyLines(entries: ResultEntry[]): string[] {
  return entries.flatMap((entry) => {
    const lines = [bottleneckLine(entry.result), ...planFlagLines(entry.details)].filter((line) => line !== undefined);
    return lines.length === 0
      ? []
      : [
          `- **${escapeCell(entry.scenario)} × ${escapeCell(entry.target)}**`,
          ...lines.map((line) => `  - ${line.replaceAll('|', '\\|')}`),
        ];
  });
}

const details = (summary: string, lines: string[], open = false): string[] =>
  lines.length === 0
    ? []
    : [`<details${open ? ' open' : ''}><summary>${summary}</summary>`, '', ...lines, '', '</details>', ''];

/** A result a reviewer must see in full: it failed, or a finding other than an undecided one was reported. */
const mustShow = (entry: ResultEntry): boolean =>
  entry.verdict.failed ||
  entry.verdict.warnings.some((finding) => finding.kind !== 'inconclusive' && finding.kind !== 'no-baseline');

/**
 * A pull-request comment: one line that says whether to worry, the findings many results share
 * as one line each, the table with the failures and regressions first, every other finding in
 * full, and where the whole report is. When that is more than a comment may hold, the failures
 * and regressions stay in full and the other results are summarised.
 */
export function formatMarkdownSummary(file: ResultsFile, options: MarkdownSummaryOptions = {}): string {
  const limit = options.limit ?? MARKDOWN_SUMMARY_LIMIT;
  const results = [...file.results].sort(byUrgency);
  const shared = sharedCauses(results);
  const { summary } = file;
  const headline =
    summary.failed > 0
      ? `**${summary.failed} of ${summary.total} failed**`
      : summary.reported > 0
        ? `**passed, with ${summary.reported} latency findings reported**`
        : `**all ${summary.total} passed**`;
  const base = results.find((entry) => entry.base)?.base;
  const head = [
    `## vitest-load: ${headline}`,
    '',
    ...(base ? [`Judged against ${base}, measured in this job in interleaved rounds.`, ''] : []),
  ];
  const causes = shared.map((each) => `- ${each.failed ? '❌' : '⚠️'} ${causeLine(each)}`);
  const environment = results[0]?.environment;
  const report = options.reportLink
    ? `The whole report, with every finding and the charts: [report.html in the run's artifacts](${options.reportLink}).`
    : "The whole report, with every finding and the charts: `report.html`, beside this summary (in CI, the run's artifacts).";
  const tail = [
    report,
    '',
    ...(environment
      ? [
          `Measured on ${environment.cpuModel} (${environment.cores} cores), Node ${environment.node}, ${environment.runtime} runtime, ${environment.pinned ? 'pinned' : 'not pinned'}; finished ${file.finishedAt}.`,
          '',
        ]
      : []),
  ];
  const whole = [
    ...head,
    ...(causes.length > 0 ? [...causes, ''] : []),
    ...TABLE_HEAD,
    ...results.map(row),
    '',
    ...details('Findings', findingLines(results, shared), true),
    ...details('Stages and faults', phaseBlock(results)),
    ...details('Where the time goes', whyLines(results)),
    ...tail,
  ];
  if (sizeOf(whole) <= limit) return whole.join('\n');
  return compactSummary(results, shared, { head, causes, tail, limit }).join('\n');
}

/** The failures and regressions in full, the other results counted by verdict with their largest changes. */
function compactSummary(
  results: ResultEntry[],
  shared: SharedCause[],
  parts: { head: string[]; causes: string[]; tail: string[]; limit: number },
): string[] {
  const shown = results.filter(mustShow);
  const others = results.filter((entry) => !mustShow(entry));
  const counts = new Map<string, number>();
  for (const entry of others) counts.set(verdictLabel(entry), (counts.get(verdictLabel(entry)) ?? 0) + 1);
  const othersLine = `**The other ${others.length} results:** ${[...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]) => `${count} ${label}`)
    .join(' · ')}.`;
  const topChanges = others
    .filter((entry) => entry.verdict.p95Change !== undefined)
    .sort((a, b) => Math.abs(b.verdict.p95Change!) - Math.abs(a.verdict.p95Change!))
    .slice(0, TOP_CHANGES);
  // Each part gets a share of what is left once the fixed lines are counted (headings and table
  // heads take under 1,000 characters), the most important first.
  let budget = parts.limit - sizeOf(parts.head) - sizeOf(parts.tail) - othersLine.length - 1000;
  const take = (lines: string[], share: number, leftOut: (count: number) => string): string[] => {
    const fitted = fitLines(lines, Math.floor(budget * share), leftOut);
    budget -= sizeOf(fitted);
    return fitted;
  };
  const more = (what: string) => (count: number) => `- … ${count} more ${what}: see the whole report.`;
  const causes = take(parts.causes, 0.1, more('findings with one cause'));
  const table = take(shown.map(row), 0.5, (count) => `| … ${count} more: see the whole report |`);
  const top = take(topChanges.map(row), 0.2, (count) => `| … ${count} more: see the whole report |`);
  const findings = take(findingLines(shown, shared), 1, more('findings'));
  const why = take(whyLines(shown), 1, more('lines of where the time goes'));
  return [
    ...parts.head,
    ...(causes.length > 0 ? [...causes, ''] : []),
    ...(shown.length > 0 ? [`### Failures and regressions (${shown.length})`, '', ...TABLE_HEAD, ...table, ''] : []),
    ...(others.length > 0 ? [othersLine, ''] : []),
    ...(top.length > 0 ? ['The largest changes of p95 among them:', '', ...TABLE_HEAD, ...top, ''] : []),
    ...details('Findings of the failures and regressions', findings, true),
    ...details('Where the time goes', why),
    ...parts.tail,
  ];
}
