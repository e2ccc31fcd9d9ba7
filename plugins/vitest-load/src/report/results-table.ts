import { formatMs, formatPercent } from '../format/format.ts';
import { generatorBoundMarker } from '../measure/generator-bound.ts';
import type { VerdictOutcome } from '../verdict/verdict.ts';
import { causeLabel } from './finding-causes.ts';
import { stageLoad } from './phase-lines.ts';
import type { LoadTestMeta } from './task-meta.ts';

const HEADERS = [
  'scenario',
  'target',
  'p50',
  'p95',
  'p99',
  'req/s',
  'errors',
  'q/req',
  'rounds',
  'Δ p95 (interval)',
  'verdict',
];

const VERDICT_LABELS: Record<VerdictOutcome, string> = {
  pass: 'pass',
  improved: 'improved',
  'no-baseline': 'no baseline',
  inconclusive: 'inconclusive',
  regressed: 'REGRESSED',
  'over-budget': 'OVER BUDGET',
  contradicted: 'CONTRADICTED',
  'more-statements': 'MORE STATEMENTS',
  leak: 'LEAK',
  errors: 'ERRORS',
  'check-failed': 'CHECK FAILED',
};

export interface TableStyle {
  /** Colours a verdict cell; identity where the terminal has no colours. */
  verdict: (text: string, outcome: VerdictOutcome, enforced: boolean) => string;
}

const plain: TableStyle = { verdict: (text) => text };

export function verdictLabel(meta: LoadTestMeta): string {
  if (meta.baselineWritten && !meta.verdict.failed) return 'recorded';
  const label =
    (meta.verdict.outcome === 'inconclusive' ? causeLabel(meta.verdict) : undefined) ??
    VERDICT_LABELS[meta.verdict.outcome];
  const reportedOnly =
    !meta.verdict.failed && meta.verdict.warnings.length > 0 && meta.verdict.outcome !== 'inconclusive';
  return reportedOnly ? `${label} (reported)` : label;
}

/** The verdict, and beside it the generator-bound marker when the generator was the limit: the figures are its. */
export function verdictWithMarker(meta: LoadTestMeta): string {
  const shares = meta.result.cpuShares;
  return shares?.generatorBound ? `${verdictLabel(meta)} · ${generatorBoundMarker(shares)}` : verdictLabel(meta);
}

interface Row {
  cells: string[];
  /** The test the row belongs to; undefined for a kind of request within a mix. */
  meta?: LoadTestMeta;
}

function kindRows(meta: LoadTestMeta): Row[] {
  return Object.entries(meta.result.byRequest ?? {}).map(([name, kind]) => ({
    cells: [
      `  └ ${name}`,
      '',
      formatMs(kind.latencyMs.p50),
      formatMs(kind.latencyMs.p95),
      formatMs(kind.latencyMs.p99),
      Math.round(kind.requests / (meta.result.durationSeconds || 1)).toLocaleString('en-US'),
      String(kind.errors),
      '',
      '',
      '',
      '',
    ],
  }));
}

/** A row per stage and per fault under the test's row; recovery times stand in the Δ column. */
function phaseRows(meta: LoadTestMeta): Row[] {
  const stages = (meta.result.stages ?? []).map((stage, index) => ({
    cells: [
      `  └ stage ${index + 1}: ${stageLoad(stage)}`,
      '',
      formatMs(stage.latencyMs.p50),
      formatMs(stage.latencyMs.p95),
      formatMs(stage.latencyMs.p99),
      Math.round(stage.requestsPerSecond).toLocaleString('en-US'),
      String(stage.errors),
      '',
      '',
      stage.recovery
        ? `recovery ${stage.recovery.seconds === null ? 'none' : `${stage.recovery.seconds.toFixed(2)} s`}`
        : '',
      '',
    ],
  }));
  const faults = (meta.result.faults ?? []).map((fault) => ({
    cells: [
      `  └ fault: ${fault.name}`,
      '',
      '',
      fault.failedP95Ms === null ? '–' : `${formatMs(fault.failedP95Ms)} (failed)`,
      '',
      '',
      `${fault.errors} (${(fault.errorRate * 100).toFixed(0)}%)`,
      '',
      '',
      `recovery ${fault.recovery.seconds === null ? 'none' : `${fault.recovery.seconds.toFixed(2)} s`}`,
      '',
    ],
  }));
  return [...stages, ...faults];
}

/**
 * One row per scenario × target (and one per kind of request of a mix, under it), aligned in
 * plain text so that it reads in a CI log too.
 */
export function formatResultsTable(
  tests: LoadTestMeta[],
  style: TableStyle = plain,
  previousChange?: (meta: LoadTestMeta) => number | undefined,
): string {
  // Watch mode re-runs add the change against the previous run, before the verdict.
  const withPrevious = previousChange !== undefined && tests.some((meta) => previousChange(meta) !== undefined);
  const headers = withPrevious ? [...HEADERS.slice(0, -1), 'Δ prev', 'verdict'] : HEADERS;
  const addPrevious = (cells: string[], meta?: LoadTestMeta): string[] => {
    if (!withPrevious) return cells;
    const change = meta ? previousChange(meta) : undefined;
    return [...cells.slice(0, -1), meta ? (change === undefined ? '–' : formatPercent(change)) : '', cells.at(-1)!];
  };
  const rows: Row[] = tests.flatMap((meta) => [
    { cells: addPrevious(testCells(meta), meta), meta },
    ...[...kindRows(meta), ...phaseRows(meta)].map((row) => ({ cells: addPrevious(row.cells) })),
  ]);
  const cells = rows.map((row) => row.cells);
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)));
  const last = headers.length - 1;
  // Everything between the target and the verdict is a number.
  const numeric = (column: number): boolean => column >= 2 && column < last;
  // The verdict column is last and not padded, so lines carry no trailing blanks.
  const pad = (cell: string, column: number): string =>
    column === last ? cell : numeric(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!);
  const line = (row: string[]): string => row.map(pad).join('  ');
  const body = rows.map(({ cells: row, meta }) => {
    const verdict = meta ? style.verdict(row[last]!, meta.verdict.outcome, meta.verdict.failed) : '';
    return `${line(row.slice(0, last))}  ${verdict}`.trimEnd();
  });
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...body].join('\n');
}

function testCells(meta: LoadTestMeta): string[] {
  const { result, verdict } = meta;
  return [
    meta.scenario,
    meta.target,
    formatMs(result.latencyMs.p50),
    formatMs(result.latencyMs.p95),
    formatMs(result.latencyMs.p99),
    Math.round(result.requestsPerSecond).toLocaleString('en-US'),
    result.errors === 0 ? '0' : `${result.errors} (${(result.errorRate * 100).toFixed(2)}%)`,
    // Statements per request: an N+1 shows as 1 + N here.
    meta.details?.queries ? meta.details.queries.queriesPerRequest.toFixed(1) : '–',
    String(result.rounds?.length ?? 1),
    changeCell(meta),
    verdictWithMarker(meta),
  ];
}

/** "+12.3% (+8.1…+16.6)": the change and its interval, or the bare change without one. */
function changeCell(meta: LoadTestMeta): string {
  const { p95Change, change } = meta.verdict;
  if (p95Change === undefined) return '–';
  if (!change?.interval) return formatPercent(p95Change);
  const bound = (value: number): string => formatPercent(value).replace('%', '');
  return `${formatPercent(p95Change)} (${bound(change.interval.low)}…${bound(change.interval.high)})`;
}
