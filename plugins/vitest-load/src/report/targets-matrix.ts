import { formatCount, formatMs } from '../format/format.ts';
import { generatorBoundMarker } from '../measure/generator-bound.ts';
import type { CpuShares } from '../measure/load-result.ts';
import { roundInterval } from '../measure/round-interval.ts';
import type { ResultEntry } from './results-file.ts';

/** One cell: a target's figures in one scenario, each with its interval over rounds when there are several. */
export interface MatrixCell {
  p95Ms: number;
  p95Interval?: { low: number; high: number };
  requestsPerSecond: number;
  requestsInterval?: { low: number; high: number };
  rounds: number;
  statementsPerRequest?: number;
  cpuMsPerRequest?: number;
  /** The generator's and the target's CPU shares, only when the generator was the limit: the figures are its ceiling. */
  generatorBound?: CpuShares;
}

/** Targets × scenarios, as a comparison table of frameworks reads: rows are targets, columns scenarios. */
export interface TargetsMatrix {
  scenarios: string[];
  targets: string[];
  cell(target: string, scenario: string): MatrixCell | undefined;
}

/** The matrix of a run's results; each (suite, scenario) is a column, in run order. */
export function targetsMatrix(entries: readonly ResultEntry[]): TargetsMatrix {
  const scenarios = [...new Set(entries.map((entry) => entry.scenario))];
  const targets = [...new Set(entries.map((entry) => entry.target))].sort();
  const cells = new Map<string, MatrixCell>();
  for (const { target, scenario, result } of entries) {
    const rounds = result.rounds ?? [];
    const p95 = roundInterval(rounds.map((round) => round.p95));
    const requests = roundInterval(rounds.map((round) => round.requestsPerSecond));
    cells.set(JSON.stringify([target, scenario]), {
      p95Ms: result.latencyMs.p95,
      requestsPerSecond: result.requestsPerSecond,
      rounds: Math.max(1, rounds.length),
      ...(p95 ? { p95Interval: { low: Math.max(0, p95.low), high: p95.high } } : {}),
      ...(requests ? { requestsInterval: { low: Math.max(0, requests.low), high: requests.high } } : {}),
      ...(result.cost?.statementsPerRequest === undefined
        ? {}
        : { statementsPerRequest: result.cost.statementsPerRequest }),
      ...(result.cost?.cpuMsPerRequest === undefined ? {} : { cpuMsPerRequest: result.cost.cpuMsPerRequest }),
      ...(result.cpuShares?.generatorBound ? { generatorBound: result.cpuShares } : {}),
    });
  }
  return { scenarios, targets, cell: (target, scenario) => cells.get(JSON.stringify([target, scenario])) };
}

/**
 * A cell as text: "4.21 ms (3.9–4.6) · 2,310 req/s (2,100–2,480) · 1.00 q/req", and the
 * generator-bound marker after it when its figures are the load generator's ceiling.
 */
export function matrixCellText(cell: MatrixCell | undefined): string {
  if (!cell) return '–';
  const range = (interval: { low: number; high: number } | undefined, format: (value: number) => string) =>
    interval ? ` (${format(interval.low)}–${format(interval.high)})` : '';
  const bare = (ms: number) => formatMs(ms).replace(' ms', '');
  const statements = cell.statementsPerRequest === undefined ? '' : ` · ${cell.statementsPerRequest.toFixed(2)} q/req`;
  const capped = cell.generatorBound ? ` · ${generatorBoundMarker(cell.generatorBound)}` : '';
  return `${formatMs(cell.p95Ms)}${range(cell.p95Interval, bare)} · ${formatCount(cell.requestsPerSecond)} req/s${range(cell.requestsInterval, formatCount)}${statements}${capped}`;
}

/** The matrix as a Markdown table: p95 and req/s with their 95% intervals over rounds, statements per request. */
export function markdownMatrix(matrix: TargetsMatrix): string {
  const header = `| target | ${matrix.scenarios.join(' | ')} |`;
  const rule = `| --- | ${matrix.scenarios.map(() => '---').join(' | ')} |`;
  const rows = matrix.targets.map(
    (target) =>
      `| ${target} | ${matrix.scenarios.map((scenario) => matrixCellText(matrix.cell(target, scenario)).replaceAll('|', '\\|')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
