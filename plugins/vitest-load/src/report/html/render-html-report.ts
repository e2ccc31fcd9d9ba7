import type { ResultsFile } from '../results-file.ts';
import { loadChartLibrary } from './chart-library.ts';
import { CHART_SCRIPT } from './chart-script.ts';
import { loadFlameLibrary } from './flame-library.ts';
import { FLAME_SCRIPT } from './flame-script.ts';
import type { FlameSpec } from './profile-html.ts';
import { scenarioCharts } from './chart-specs.ts';
import { escapeHtml, inlineScriptSource, jsonForScript } from './escape.ts';
import {
  entriesByUrgency,
  scenarioGroups,
  targetColors,
  type ReportEntry,
  type ScenarioGroup,
} from './report-model.ts';
import { renderTargetsMatrix } from './matrix-html.ts';
import { renderScenarioSection } from './scenario-html.ts';
import { REPORT_CSS } from './styles.ts';
import { headline, renderBanners, renderHeader, renderSummaryTable } from './summary-html.ts';

// The page may run only its own inline code and load nothing: a report must open offline, and a
// stray URL (a font, a CDN script) fails loudly in the browser test instead of leaking a request.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/**
 * One self-contained HTML file for a run: the outcome and every failure first, a summary table,
 * then a section per scenario comparing its targets, with charts when the run recorded details.
 * Styles, uPlot and the data are inlined, so the file opens offline and can be kept as a CI artefact.
 */
export function renderHtmlReport(file: ResultsFile): string {
  const entries = entriesByUrgency(file);
  const groups = scenarioGroups(entries);
  const sectionOf = new Map<ReportEntry, ScenarioGroup>(
    groups.flatMap((group) => group.entries.map((entry) => [entry, group] as const)),
  );
  const colors = targetColors(entries);
  const sections = groups.map((group) => ({ group, charts: scenarioCharts(group, colors) }));
  const library = loadChartLibrary();
  const flames: FlameSpec[] = [];
  const sectionsHtml = sections.map(({ group, charts }) => renderScenarioSection(group, charts, colors, flames));
  // Only a run with profiles carries d3 and the flame-graph library (some 120 kB).
  const flameScripts =
    flames.length === 0
      ? ''
      : `<script type="application/json" id="flame-specs">${jsonForScript(flames)}</script>
<script>${inlineScriptSource(loadFlameLibrary())}</script>
<script>${FLAME_SCRIPT}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>vitest-load: ${escapeHtml(headline(file.summary))}</title>
<link rel="icon" href="data:,">
<style>${library.css}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${renderHeader(file, entries)}
${renderBanners(entries, sectionOf)}
${renderSummaryTable(entries, sectionOf, colors)}
${renderTargetsMatrix(entries, colors)}
${sectionsHtml.join('\n')}
<footer>Written by vitest-load from ${file.summary.total} results. Charts: uPlot${flames.length > 0 ? '; flame graphs: d3-flame-graph' : ''}.</footer>
</main>
<script type="application/json" id="chart-specs">${jsonForScript(sections.flatMap(({ charts }) => charts))}</script>
<script>${inlineScriptSource(library.script)}</script>
<script>${CHART_SCRIPT}</script>
${flameScripts}
</body>
</html>
`;
}
