import { formatMs } from '../format/format.ts';
import { changeCell, formatCpuCost, formatStatements } from './result-cells.ts';
import { phaseLines } from './phase-lines.ts';
import { byUrgency, type ResultsFile } from './results-file.ts';
import { generatorBoundMarker } from '../measure/generator-bound.ts';
import { verdictWithMarker } from './results-table.ts';

const escapeCell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * A pull-request comment: one line that says whether to worry, the table with the failures and
 * regressions first, then every finding in full and the machine it was measured on.
 */
export function formatMarkdownSummary(file: ResultsFile): string {
  const { summary } = file;
  const results = [...file.results].sort(byUrgency);
  const headline =
    summary.failed > 0
      ? `**${summary.failed} of ${summary.total} failed**`
      : summary.reported > 0
        ? `**passed, with ${summary.reported} latency findings reported**`
        : `**all ${summary.total} passed**`;
  const rows = results.map((entry) => {
    const { latencyMs, requestsPerSecond, errors } = entry.result;
    const change = changeCell(entry.verdict);
    const verdict = entry.verdict.failed ? `**${verdictWithMarker(entry)}**` : verdictWithMarker(entry);
    return `| ${escapeCell(entry.scenario)} | ${escapeCell(entry.target)} | ${formatMs(latencyMs.p50)} | ${formatMs(latencyMs.p95)} | ${formatMs(latencyMs.p99)} | ${Math.round(requestsPerSecond).toLocaleString('en-US')} | ${errors} | ${change} | ${formatCpuCost(entry.result, entry.verdict)} | ${formatStatements(entry.result, entry.verdict)} | ${verdict} |`;
  });
  const findings = results.flatMap((entry) => [
    ...entry.verdict.failures.map((finding) => `- ❌ ${finding.message}`),
    ...entry.verdict.warnings.map((finding) => `- ⚠️ ${finding.message}`),
    // Its figures are the generator's ceiling, not the target's: a reader must not take them as the target's.
    ...(entry.result.cpuShares?.generatorBound
      ? [`- ⚠️ ${entry.scenario} × ${entry.target}: ${generatorBoundMarker(entry.result.cpuShares)}`]
      : []),
  ]);
  // A spike's stages and a fault's figures, under the result they belong to.
  const phases = results.flatMap((entry) => {
    const lines = phaseLines(entry.result);
    return lines.length === 0
      ? []
      : [`- **${escapeCell(entry.scenario)} × ${escapeCell(entry.target)}**`, ...lines.map((line) => `  - ${line}`)];
  });
  const environment = results[0]?.environment;
  const base = results.find((entry) => entry.base)?.base;
  return [
    `## vitest-load: ${headline}`,
    '',
    ...(base ? [`Judged against ${base}, measured in this job in interleaved rounds.`, ''] : []),
    '| scenario | target | p50 | p95 | p99 | req/s | errors | Δ p95 | CPU/request (Δ) | statements/request | verdict |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    ...(findings.length > 0
      ? ['<details open><summary>Findings</summary>', '', ...findings, '', '</details>', '']
      : []),
    ...(phases.length > 0
      ? ['<details><summary>Stages and faults</summary>', '', ...phases, '', '</details>', '']
      : []),
    ...(environment
      ? [
          `Measured on ${environment.cpuModel} (${environment.cores} cores), Node ${environment.node}, ${environment.runtime} runtime, ${environment.pinned ? 'pinned' : 'not pinned'}; finished ${file.finishedAt}.`,
          '',
        ]
      : []),
  ].join('\n');
}
