import { formatMs, formatPercent, type VerdictOutcome } from '../verdict/verdict.ts';
import type { LoadTestMeta } from './task-meta.ts';

const HEADERS = ['scenario', 'target', 'p50', 'p95', 'p99', 'req/s', 'errors', 'q/req', 'Δ p95', 'verdict'];

const VERDICT_LABELS: Record<VerdictOutcome, string> = {
  pass: 'pass',
  improved: 'improved',
  'no-baseline': 'no baseline',
  regressed: 'REGRESSED',
  'over-budget': 'OVER BUDGET',
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
  const label = VERDICT_LABELS[meta.verdict.outcome];
  const reportedOnly = !meta.verdict.failed && meta.verdict.warnings.length > 0;
  return reportedOnly ? `${label} (reported)` : label;
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
    ],
  }));
}

/**
 * One row per scenario × target (and one per kind of request of a mix, under it), aligned in
 * plain text so that it reads in a CI log too.
 */
export function formatResultsTable(tests: LoadTestMeta[], style: TableStyle = plain): string {
  const rows: Row[] = tests.flatMap((meta) => [{ cells: testCells(meta), meta }, ...kindRows(meta)]);
  const cells = rows.map((row) => row.cells);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  const last = HEADERS.length - 1;
  // The verdict column is last and not padded, so lines carry no trailing blanks.
  const pad = (cell: string, column: number): string =>
    column === last ? cell : numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!);
  const line = (row: string[]): string => row.map(pad).join('  ');
  const body = rows.map(({ cells: row, meta }) => {
    const verdict = meta ? style.verdict(row[last]!, meta.verdict.outcome, meta.verdict.failed) : '';
    return `${line(row.slice(0, last))}  ${verdict}`.trimEnd();
  });
  return [line(HEADERS), widths.map((width) => '─'.repeat(width)).join('  '), ...body].join('\n');
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
    verdict.p95Change === undefined ? '–' : formatPercent(verdict.p95Change),
    verdictLabel(meta),
  ];
}
