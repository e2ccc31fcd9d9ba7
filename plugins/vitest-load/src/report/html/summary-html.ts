// The top of the report: the outcome, the counts and the machine, every failure in a banner, then the summary table.
import type { MeasurementEnvironment } from '../../baseline/environment.ts';
import type { CpuPinning } from '../../targets/cpu-pinning.ts';
import { formatMs } from '../../format/format.ts';
import type { ResultsFile } from '../results-file.ts';
import { verdictLabel } from '../results-table.ts';
import { escapeHtml } from './escape.ts';
import { causeLine, ownFindings, sharedCauses } from '../finding-causes.ts';
import { changeCell, formatErrors } from '../result-cells.ts';
import { formatCount, formatRunTime } from '../../format/format.ts';
import { generatorBoundMarker } from '../../measure/generator-bound.ts';
import { looksLikeNPlusOne, standing, type ReportEntry, type ScenarioGroup } from './report-model.ts';

export function headline(summary: ResultsFile['summary']): string {
  if (summary.failed > 0) return `${summary.failed} of ${summary.total} failed`;
  if (summary.reported > 0)
    return `Passed, with ${summary.reported} finding${summary.reported === 1 ? '' : 's'} reported`;
  return `All ${summary.total} passed`;
}

function pinningText(pinning: CpuPinning): string {
  return pinning.pinned
    ? `target on CPU ${pinning.targetCpus}, load generator on CPU ${pinning.loadGeneratorCpus}`
    : `not pinned (${pinning.reason})`;
}

/** `process`, or `container` with its images and the limits of each container. */
function runtimeText(environment: MeasurementEnvironment): string {
  if (!environment.containers) return environment.runtime;
  const { images, cpus, memoryMb } = environment.containers;
  const limits = [
    cpus === undefined ? 'no CPU limit' : `${cpus} CPU`,
    memoryMb === undefined ? 'no memory limit' : `${memoryMb} MB`,
  ].join(', ');
  return `${environment.runtime} (${Object.values(images).join(', ')}; ${limits} per container)`;
}

function environmentList(environment: MeasurementEnvironment, pinning: CpuPinning): string {
  const services = Object.entries(environment.services ?? {}).map(([name, service]) => {
    const settings = Object.entries(service.settings)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    return `${name} ${service.version} (${service.origin}${settings ? `; ${settings}` : ''})`;
  });
  const items: Array<[string, string]> = [
    ['CPU', `${environment.cpuModel} × ${environment.cores} cores`],
    ['OS', environment.os],
    ['Node', environment.node],
    ['Runtime', runtimeText(environment)],
    ['Pinning', pinningText(pinning)],
    ...(services.length > 0 ? [['Services', services.join('; ')] as [string, string]] : []),
  ];
  return `<dl class="environment">${items.map(([term, value]) => `<div><dt>${term}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`;
}

export function renderHeader(file: ResultsFile, entries: ReportEntry[]): string {
  const { summary } = file;
  const tone = summary.failed > 0 ? 'failed' : summary.reported > 0 ? 'reported' : 'passed';
  // One run normally has one environment; list each if targets were measured on several.
  const environments = [
    ...new Map(entries.map((entry) => [JSON.stringify([entry.environment, entry.pinning]), entry])).values(),
  ];
  return `<header class="report-header">
<p class="brand">vitest-load · performance report</p>
<h1 class="headline headline-${tone}">${escapeHtml(headline(summary))}</h1>
<p class="counts"><span class="count count-failed">${summary.failed} failed</span><span class="count count-reported">${summary.reported} reported</span><span class="count count-passed">${summary.passed} passed</span><span class="finished">finished ${escapeHtml(formatRunTime(file.finishedAt))}</span></p>
${environments.map((entry) => environmentList(entry.environment, entry.pinning)).join('\n')}
</header>`;
}

/**
 * What cannot be missed: every failure, then every finding reported without failing, in full;
 * but a cause that many results share (baselines from another machine) is one line, not one each.
 */
export function renderBanners(entries: ReportEntry[], sectionOf: Map<ReportEntry, ScenarioGroup>): string {
  const item = (entry: ReportEntry, message: string): string =>
    `<li><a href="#${sectionOf.get(entry)!.id}">${escapeHtml(message)}</a></li>`;
  const shared = sharedCauses(entries);
  const causeItems = (failed: boolean): string[] =>
    shared
      .filter((each) => each.failed === failed)
      .map((each) => `<li class="shared-cause">${escapeHtml(causeLine(each))}</li>`);
  const failures = [
    ...causeItems(true),
    ...entries.flatMap((entry) =>
      ownFindings(entry.verdict.failures, shared).map((finding) => item(entry, finding.message)),
    ),
  ];
  const warnings = [
    ...causeItems(false),
    ...entries.flatMap((entry) =>
      ownFindings(entry.verdict.warnings, shared).map((finding) => item(entry, finding.message)),
    ),
  ];
  const failed = entries.filter((entry) => entry.verdict.failed).length;
  const banners: string[] = [];
  if (failed > 0) {
    banners.push(`<section class="banner banner-failed" role="alert">
<h2>✖ ${failed} failed: fix ${failed === 1 ? 'it' : 'them'} before merging</h2>
<ul>${failures.join('')}</ul>
</section>`);
  }
  if (warnings.length > 0) {
    banners.push(`<section class="banner banner-reported">
<h2>⚠ Reported without failing</h2>
<ul>${warnings.join('')}</ul>
</section>`);
  }
  return banners.join('\n');
}

function summaryRow(entry: ReportEntry, group: ScenarioGroup, colors: Map<string, string>): string {
  const { latencyMs, requestsPerSecond } = entry.result;
  const tone = standing(entry);
  const regressed = [...entry.verdict.failures, ...entry.verdict.warnings].some(
    (finding) => finding.kind === 'regressed',
  );
  const changeClass = regressed ? 'change-worse' : entry.verdict.outcome === 'improved' ? 'change-better' : '';
  const queries = entry.details?.queries;
  const nPlusOne =
    queries && looksLikeNPlusOne(queries)
      ? ` <span class="badge badge-n-plus-one" title="statements per response">${queries.queriesPerRequest.toFixed(1)} queries/request</span>`
      : '';
  const shares = entry.result.cpuShares;
  const capped = shares?.generatorBound
    ? ` <span class="badge badge-generator-bound" title="its figures measure the load generator, not the target">${escapeHtml(generatorBoundMarker(shares))}</span>`
    : '';
  return `<tr class="row-${tone}">
<td class="scenario-cell"><a href="#${group.id}">${escapeHtml(entry.scenario)}</a></td>
<td class="target-cell"><span class="swatch" style="background:${colors.get(entry.target)!}"></span>${escapeHtml(entry.target)}${nPlusOne}${capped}</td>
<td class="num">${formatMs(latencyMs.p50)}</td>
<td class="num strong">${formatMs(latencyMs.p95)}</td>
<td class="num">${formatMs(latencyMs.p99)}</td>
<td class="num">${formatCount(requestsPerSecond)}</td>
<td class="num${entry.result.errors > 0 ? ' change-worse' : ''}">${formatErrors(entry.result)}</td>
<td class="num ${changeClass}">${changeCell(entry.verdict)}</td>
<td class="num">${entry.baselineP95Ms === undefined ? '–' : formatMs(entry.baselineP95Ms)}</td>
<td><span class="verdict verdict-${tone}">${escapeHtml(verdictLabel(entry))}</span></td>
</tr>`;
}

/** One row per scenario × target, failed first, each linking to its scenario's section. */
export function renderSummaryTable(
  entries: ReportEntry[],
  sectionOf: Map<ReportEntry, ScenarioGroup>,
  colors: Map<string, string>,
): string {
  return `<section class="card summary">
<h2>Summary</h2>
<div class="table-scroll"><table class="summary-table">
<thead><tr><th>scenario</th><th>target</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">req/s</th><th class="num">errors</th><th class="num">Δ p95</th><th class="num">${entries.some((entry) => entry.base) ? 'base p95' : 'baseline p95'}</th><th>verdict</th></tr></thead>
<tbody>
${entries.map((entry) => summaryRow(entry, sectionOf.get(entry)!, colors)).join('\n')}
</tbody>
</table></div>
</section>`;
}
