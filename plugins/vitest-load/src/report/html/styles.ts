/**
 * The report's own styles. System fonts only: a web font would be a download, and the report
 * must open offline exactly as it was written.
 */
export const REPORT_CSS = `
:root {
  --text: #1f2933; --muted: #61707f; --line: #e3e7ec; --page: #f4f6f8; --card: #ffffff;
  --failed: #c81e1e; --failed-bg: #fde4e4; --failed-line: #f3b4b4;
  --reported: #8a5300; --reported-bg: #fff4d6; --reported-line: #f5d28a;
  --passed: #1d7a46; --link: #1a5fb4;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--text); font: 14px/1.5 var(--sans); -webkit-font-smoothing: antialiased; }
main { max-width: 1320px; margin: 0 auto; padding: 28px 32px 48px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: var(--mono); font-size: 12.5px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h2 { font-size: 20px; }
h3 { font-size: 15px; margin: 26px 0 10px; }
.muted { color: var(--muted); }

.report-header { margin-bottom: 20px; }
.brand { margin: 0 0 6px; color: var(--muted); font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; }
.headline { font-size: 32px; font-weight: 750; letter-spacing: -.01em; }
.headline-failed { color: var(--failed); }
.headline-reported { color: var(--reported); }
.headline-passed { color: var(--passed); }
.counts { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 10px 0 16px; }
.count { padding: 2px 10px; border-radius: 999px; font-weight: 600; font-size: 13px; }
.count-failed { background: var(--failed-bg); color: var(--failed); }
.count-reported { background: var(--reported-bg); color: var(--reported); }
.count-passed { background: #e3f4ea; color: var(--passed); }
.finished { color: var(--muted); margin-left: 6px; }
.environment { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px 24px; margin: 0; padding: 14px 18px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
.environment div { min-width: 0; }
.environment dt { color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
.environment dd { margin: 0; overflow-wrap: anywhere; }

.banner { margin: 0 0 16px; padding: 14px 18px; border-radius: 10px; border: 1px solid; }
.banner h2 { font-size: 17px; margin-bottom: 6px; }
.banner ul { margin: 0; padding-left: 20px; }
.banner li { margin: 3px 0; }
.banner li.shared-cause { font-weight: 600; }
.banner a { color: inherit; }
.banner-failed { background: var(--failed); border-color: var(--failed); color: #fff; }
.banner-failed a { text-decoration: underline; text-decoration-color: rgba(255,255,255,.5); }
.banner-reported { background: var(--reported-bg); border-color: var(--reported-line); color: var(--reported); }

.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px 22px; margin: 0 0 20px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.summary h2 { margin-bottom: 12px; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { color: var(--muted); font-size: 11.5px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; white-space: nowrap; border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
/* The widest table: fourteen columns fit a laptop screen without scrolling. */
.figures-table { font-size: 13px; }
.figures-table th, .figures-table td { padding: 7px 7px; }
td.strong { font-weight: 650; }
tbody tr:last-child td { border-bottom: none; }
tr.row-failed td { background: var(--failed-bg); border-bottom-color: var(--failed-line); }
tr.row-failed td:first-child { box-shadow: inset 4px 0 0 var(--failed); }
tr.row-reported td { background: var(--reported-bg); border-bottom-color: var(--reported-line); }
tr.row-reported td:first-child { box-shadow: inset 4px 0 0 #e0a526; }
.change-worse { color: var(--failed); font-weight: 700; }
.change-better { color: var(--passed); font-weight: 700; }
.scenario-cell a { color: var(--text); font-weight: 600; }

.verdict { display: inline-block; padding: 1px 8px; border-radius: 6px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.verdict-failed { background: var(--failed); color: #fff; font-weight: 800; letter-spacing: .03em; }
.verdict-reported { background: #fbd46d; color: #5c3800; font-weight: 700; }
.verdict-passed { background: #eef1f4; color: #3c4a57; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 7px; vertical-align: baseline; }
.badge { display: inline-block; margin-left: 6px; padding: 0 7px; border-radius: 6px; font-size: 11.5px; font-weight: 700; white-space: nowrap; }
.badge-n-plus-one { background: #5b21b6; color: #fff; }
.badge-generator-bound { background: #b45309; color: #fff; }

.scenario.scenario-failed { border-top: 5px solid var(--failed); }
.scenario.scenario-reported { border-top: 5px solid #e0a526; }
.scenario-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 16px; margin-bottom: 12px; }
.suite { margin: 0; color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: 8px 14px; margin: 0 0 0 auto; padding: 0; list-style: none; }
.findings { list-style: none; margin: 0 0 14px; padding: 0; }
.finding { display: flex; gap: 10px; margin: 6px 0; padding: 8px 12px; border-radius: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.finding-icon { flex: none; font-weight: 700; }
.finding-failed { background: var(--failed-bg); color: #7f1313; border-left: 4px solid var(--failed); font-weight: 600; }
.finding-reported { background: var(--reported-bg); color: #6b4000; border-left: 4px solid #e0a526; }
.finding-note { background: #f1f4f7; color: #44515e; border-left: 4px solid #b7c1cb; }

.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 18px; margin-top: 18px; }
.chart { margin: 0; padding: 12px 14px 8px; border: 1px solid var(--line); border-radius: 10px; min-width: 0; }
.chart figcaption { font-weight: 650; margin-bottom: 4px; }
.chart-plot { width: 100%; min-height: 240px; }
.chart-note { margin: 4px 0 0; color: var(--muted); font-size: 12px; }
.uplot { font-family: var(--sans); }
.uplot .u-legend { font-size: 12px; text-align: left; }
.uplot .u-legend .u-series { padding: 1px 6px; }
.uplot .u-legend .u-series th { text-transform: none; letter-spacing: 0; font-weight: 500; color: var(--text); border: none; padding: 2px 4px; font-size: 12px; }
.uplot .u-legend .u-series td { border: none; padding: 2px 4px; }
/* A short line in the series' own stroke and dash, rather than uPlot's square. */
.uplot .u-legend .u-marker { width: 22px; height: 0; border-left: none !important; border-right: none !important; border-bottom: none !important; background: none !important; }
.uplot:not(.is-hovering) .u-legend .u-series:first-child,
.uplot:not(.is-hovering) .u-legend .u-value { display: none; }
.uplot:not(.is-hovering) .u-legend th::after { content: none; }

.queries { margin: 12px 0 18px; }
.queries-headline { margin: 0 0 6px; }
.queries-per-request { font-weight: 700; font-variant-numeric: tabular-nums; }
.queries-suspicious .queries-per-request { color: #5b21b6; font-size: 18px; }
.statements-table code { white-space: pre-wrap; overflow-wrap: anywhere; }
tr.statement-hot td { background: #f1eafe; }
tr.statement-hot td:first-child { box-shadow: inset 4px 0 0 #5b21b6; }
.bottlenecks { list-style: none; padding: 0; margin: 8px 0 12px; font-size: 13px; }
.plans-headline { margin: 10px 0 4px; color: var(--muted); font-size: 13px; }
.plan { margin: 4px 0 8px; }
.plan-flagged { border-left: 4px solid #b45309; padding-left: 8px; }
.plan-flags { margin: 0 0 4px; padding-left: 18px; color: #b45309; font-weight: 600; }
.plan summary { cursor: pointer; }
.plan summary code { white-space: pre-wrap; overflow-wrap: anywhere; }
.plan-text { background: #f6f6f4; padding: 8px; overflow-x: auto; font-size: 12px; margin: 4px 0; }
.plan-error { color: var(--muted); margin: 4px 0; }

footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 8px; }
.profiles h4 { margin: 16px 0 6px; }
.flame-head, .flame-differential { margin: 8px 0 12px; }
.flame-head figcaption, .flame-differential figcaption { font-weight: 600; margin-bottom: 6px; }
.flame { width: 100%; overflow-x: auto; }
.flame-search { margin-left: 6px; padding: 3px 6px; min-width: 220px; }
.flame-details { min-height: 1.2em; margin: 4px 0; font-size: 12px; }
`;
