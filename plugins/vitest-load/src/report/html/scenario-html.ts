// One scenario's section: its findings in full, its figures, its charts, its mix and its SQL.
import { plansHtml } from './plan-html.ts';
import { bottleneckLine } from '../bottleneck-line.ts';
import type { QueryInsight } from '../../measure/load-details.ts';
import { formatMs } from '../../format/format.ts';
import { generatorBoundMarker } from '../../measure/generator-bound.ts';
import { formatRecovery, stageLoad } from '../phase-lines.ts';
import { verdictLabel } from '../results-table.ts';
import type { ChartSpec } from './chart-specs.ts';
import { escapeHtml } from './escape.ts';
import { renderProfiles, type FlameSpec } from './profile-html.ts';
import { changeCell, formatErrors } from '../result-cells.ts';
import { formatCount, formatStatusCodes, formatTotalMs } from '../../format/format.ts';
import {
  looksLikeNPlusOne,
  N_PLUS_ONE_QUERIES_PER_REQUEST,
  standing,
  type ReportEntry,
  type ScenarioGroup,
} from './report-model.ts';

type Colors = Map<string, string>;

const swatch = (colors: Colors, target: string): string =>
  `<span class="swatch" style="background:${colors.get(target)!}"></span>`;

const table = (headers: string[], rows: string[], className = ''): string =>
  `<div class="table-scroll"><table class="${className}"><thead><tr>${headers.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;

const th = (label: string, numeric = false): string => `<th${numeric ? ' class="num"' : ''}>${label}</th>`;

function findings(group: ScenarioGroup): string {
  const items = group.entries.flatMap((entry) => [
    ...entry.verdict.failures.map(
      (finding) =>
        `<li class="finding finding-failed"><span class="finding-icon">✖</span>${escapeHtml(finding.message)}</li>`,
    ),
    ...entry.verdict.warnings.map(
      (finding) =>
        `<li class="finding finding-reported"><span class="finding-icon">⚠</span>${escapeHtml(finding.message)}</li>`,
    ),
    // A generator-bound result's figures are the generator's ceiling: said first among what is not a failure.
    ...(entry.result.cpuShares?.generatorBound
      ? [
          `<li class="finding finding-reported"><span class="finding-icon">⚠</span>${escapeHtml(`${entry.target}: ${generatorBoundMarker(entry.result.cpuShares)}: its figures measure the load generator, not the target`)}</li>`,
        ]
      : []),
    ...entry.verdict.notes.map(
      (note) => `<li class="finding finding-note"><span class="finding-icon">ℹ</span>${escapeHtml(note)}</li>`,
    ),
  ]);
  return items.length === 0 ? '' : `<ul class="findings">${items.join('')}</ul>`;
}

function figures(group: ScenarioGroup, colors: Colors): string {
  const rows = group.entries.map((entry) => {
    const { result } = entry;
    const latency = result.latencyMs;
    return `<tr class="row-${standing(entry)}"><td class="nowrap">${swatch(colors, entry.target)}${escapeHtml(entry.target)}</td>
<td class="num">${formatCount(result.requests)}</td><td class="num">${formatCount(result.requestsPerSecond)}</td>
<td class="num">${formatMs(latency.p50)}</td><td class="num">${formatMs(latency.p90)}</td><td class="num strong">${formatMs(latency.p95)}</td><td class="num">${formatMs(latency.p99)}</td><td class="num">${formatMs(latency.p999)}</td><td class="num">${formatMs(latency.max)}</td>
<td class="num">${formatErrors(result)}</td><td class="num">${formatCount(result.timeouts)}</td><td class="nowrap">${escapeHtml(formatStatusCodes(result.statusCodes))}</td>
<td class="num">${entry.baselineP95Ms === undefined ? '–' : formatMs(entry.baselineP95Ms)}</td><td class="num">${changeCell(entry.verdict)}</td></tr>`;
  });
  // The verdicts stand in the section's header; this table holds the numbers.
  const headers = [
    th('target'),
    ...['requests', 'req/s', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'errors', 'timeouts'].map((label) =>
      th(label, true),
    ),
    th('statuses'),
    th('baseline p95', true),
    th('Δ p95', true),
  ];
  return table(headers, rows, 'figures-table');
}

function chartFigures(charts: ChartSpec[]): string {
  if (charts.length === 0)
    return '<p class="muted">No per-second details were recorded for this scenario, so there are no charts.</p>';
  const figure = (chart: ChartSpec): string =>
    `<figure class="chart"><figcaption>${escapeHtml(chart.title)}</figcaption><div class="chart-plot" id="${chart.id}" data-chart></div>${chart.note ? `<p class="chart-note">${escapeHtml(chart.note)}</p>` : ''}</figure>`;
  return `<div class="charts">${charts.map(figure).join('')}</div>`;
}

/** The kinds of request of a mix, each apart, as the terminal table shows them. */
function mix(group: ScenarioGroup, colors: Colors): string {
  const rows = group.entries.flatMap((entry) =>
    Object.entries(entry.result.byRequest ?? {}).map(
      ([
        name,
        kind,
      ]) => `<tr><td class="nowrap">${swatch(colors, entry.target)}${escapeHtml(entry.target)}</td><td>${escapeHtml(name)}</td>
<td class="num">${formatCount(kind.requests)}</td><td class="num">${formatCount(kind.requests / (entry.result.durationSeconds || 1))}</td>
<td class="num">${formatMs(kind.latencyMs.p50)}</td><td class="num strong">${formatMs(kind.latencyMs.p95)}</td><td class="num">${formatMs(kind.latencyMs.p99)}</td>
<td class="num">${formatErrors(kind)}</td><td class="nowrap">${escapeHtml(formatStatusCodes(kind.statusCodes))}</td></tr>`,
    ),
  );
  if (rows.length === 0) return '';
  const headers = [
    th('target'),
    th('request'),
    ...['requests', 'req/s', 'p50', 'p95', 'p99', 'errors'].map((label) => th(label, true)),
    th('statuses'),
  ];
  return `<h3>Requests of the mix</h3>${table(headers, rows, 'mix-table')}`;
}

function targetQueries(entry: ReportEntry, queries: QueryInsight, colors: Colors): string {
  const suspicious = looksLikeNPlusOne(queries);
  const perRequest = (calls: number): number => calls / (entry.result.requests || 1);
  const rows = queries.statements.map(
    (
      statement,
    ) => `<tr class="${perRequest(statement.calls) > N_PLUS_ONE_QUERIES_PER_REQUEST ? 'statement-hot' : ''}"><td><code>${escapeHtml(statement.query)}</code></td>
<td class="num">${formatCount(statement.calls)}</td><td class="num strong">${perRequest(statement.calls).toFixed(1)}</td><td class="num">${formatTotalMs(statement.totalMs)}</td><td class="num">${formatMs(statement.meanMs)}</td><td class="num">${formatCount(statement.rows)}</td></tr>`,
  );
  const badge = suspicious
    ? `<span class="badge badge-n-plus-one">likely N+1: more than ${N_PLUS_ONE_QUERIES_PER_REQUEST} statements per response</span>`
    : '';
  return `<div class="queries${suspicious ? ' queries-suspicious' : ''}">
<p class="queries-headline">${swatch(colors, entry.target)}<strong>${escapeHtml(entry.target)}</strong>: <span class="queries-per-request">${queries.queriesPerRequest.toFixed(1)}</span> queries per request ${badge}</p>
${table([th('statement'), th('calls', true), th('per request', true), th('total', true), th('mean', true), th('rows', true)], rows, 'statements-table')}
${plansHtml(queries.plans)}
</div>`;
}

/** Each stage's figures and each fault's, with the recovery after them: what a spike or a fault test is about. */
function phases(group: ScenarioGroup, colors: Colors): string {
  const stageRows = group.entries.flatMap((entry) =>
    (entry.result.stages ?? []).map(
      (
        stage,
        index,
      ) => `<tr><td class="nowrap">${swatch(colors, entry.target)}${escapeHtml(entry.target)}</td><td>stage ${index + 1}: ${escapeHtml(stageLoad(stage))} for ${stage.durationSeconds} s</td>
<td class="num">${formatCount(stage.requests)}</td><td class="num">${formatCount(stage.requestsPerSecond)}</td>
<td class="num">${formatMs(stage.latencyMs.p50)}</td><td class="num strong">${formatMs(stage.latencyMs.p95)}</td><td class="num">${formatMs(stage.latencyMs.p99)}</td>
<td class="num">${formatErrors(stage)}</td><td>${stage.recovery ? escapeHtml(formatRecovery(stage.recovery)) : '–'}</td></tr>`,
    ),
  );
  const faultRows = group.entries.flatMap((entry) =>
    (entry.result.faults ?? []).map(
      (
        fault,
      ) => `<tr><td class="nowrap">${swatch(colors, entry.target)}${escapeHtml(entry.target)}</td><td>${escapeHtml(fault.name)}: at ${fault.atSeconds} s for ${fault.durationSeconds} s (lasted ${fault.actualSeconds.toFixed(2)} s)</td>
<td class="num">${formatCount(fault.requests)}</td><td class="num">${formatErrors(fault)}</td><td class="num strong">${fault.failedP95Ms === null ? '–' : formatMs(fault.failedP95Ms)}</td>
<td>${escapeHtml(formatRecovery(fault.recovery))}</td></tr>`,
    ),
  );
  const stageTable =
    stageRows.length === 0
      ? ''
      : `<h3>Stages</h3>${table([th('target'), th('stage'), ...['requests', 'req/s', 'p50', 'p95', 'p99', 'errors'].map((label) => th(label, true)), th('recovery after it')], stageRows, 'stages-table')}`;
  const faultTable =
    faultRows.length === 0
      ? ''
      : `<h3>Faults</h3>${table([th('target'), th('fault'), th('requests during it', true), th('errors', true), th('p95 of failed', true), th('recovery after it')], faultRows, 'faults-table')}`;
  return stageTable + faultTable;
}

/** Each target's split of a request's time (docs/bottleneck.md), right under the figures it explains. */
function whereTheTimeGoes(group: ScenarioGroup, colors: Colors): string {
  const lines = group.entries.flatMap((entry) => {
    const line = bottleneckLine(entry.result);
    return line ? [`<li>${swatch(colors, entry.target)}${escapeHtml(entry.target)}: ${escapeHtml(line)}</li>`] : [];
  });
  return lines.length === 0 ? '' : `<ul class="bottlenecks">${lines.join('')}</ul>`;
}

function sql(group: ScenarioGroup, colors: Colors): string {
  const blocks = group.entries.flatMap((entry) =>
    entry.details?.queries ? [targetQueries(entry, entry.details.queries, colors)] : [],
  );
  return blocks.length === 0 ? '' : `<h3>SQL statements (most total time first)</h3>${blocks.join('')}`;
}

/** The scenario's section; the flame graphs of its profiles are added to `flames` for the page's script. */
export function renderScenarioSection(
  group: ScenarioGroup,
  charts: ChartSpec[],
  colors: Colors,
  flames: FlameSpec[] = [],
): string {
  const worst = standing(group.entries[0]!);
  const chips = group.entries
    .map(
      (entry) =>
        `<li>${swatch(colors, entry.target)}${escapeHtml(entry.target)} <span class="verdict verdict-${standing(entry)}">${escapeHtml(verdictLabel(entry))}</span></li>`,
    )
    .join('');
  return `<section class="card scenario scenario-${worst}" id="${group.id}">
<header class="scenario-header"><h2>${escapeHtml(group.scenario)}</h2><p class="suite"><code>${escapeHtml(group.suite)}</code></p><ul class="chips">${chips}</ul></header>
${findings(group)}
${figures(group, colors)}
${whereTheTimeGoes(group, colors)}
${chartFigures(charts)}
${phases(group, colors)}
${mix(group, colors)}
${sql(group, colors)}
${renderProfiles(group, flames)}
</section>`;
}
