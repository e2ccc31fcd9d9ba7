/** The cells of a result's row in the Markdown summary and the HTML report. */
import type { LoadResult } from '../measure/load-result.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { formatCount, formatPercent } from '../format/format.ts';

export const formatErrors = (result: Pick<LoadResult, 'errors' | 'errorRate'>): string =>
  result.errors === 0 ? '0' : `${formatCount(result.errors)} (${(result.errorRate * 100).toFixed(2)}%)`;

/** The change of p95, with its interval and rounds when the verdict has them: "+12.3% (+8.1% … +16.6%, 4 rounds)". */
export const changeCell = (verdict: Verdict): string => {
  if (verdict.p95Change === undefined) return '–';
  const interval = verdict.change?.interval;
  if (!interval) return formatPercent(verdict.p95Change);
  const detectable =
    verdict.change?.detectable === undefined
      ? ''
      : `; could detect ≥ ${formatPercent(verdict.change.detectable).slice(1)}`;
  return `${formatPercent(verdict.p95Change)} (${formatPercent(interval.low)} … ${formatPercent(interval.high)}, ${interval.headRounds} rounds${detectable})`;
};

/** CPU per request and its change, when counted: "0.067 ms (+1.2%, could detect ≥ 5.6%)". */
export const formatCpuCost = (result: Pick<LoadResult, 'cost'>, verdict: Verdict): string => {
  const cpu = result.cost?.cpuMsPerRequest;
  if (cpu === undefined) return '–';
  const change = verdict.cpuChange;
  const shown = `${cpu.toFixed(3)} ms`;
  if (!change?.interval) return shown;
  const detectable =
    change.detectable === undefined ? '' : `, could detect ≥ ${formatPercent(change.detectable).slice(1)}`;
  return `${shown} (${formatPercent(change.interval.estimate)}${detectable})`;
};

/** Statements per request, and base's when they differ. */
export const formatStatements = (result: Pick<LoadResult, 'cost'>, verdict: Verdict): string => {
  const now = result.cost?.statementsPerRequest;
  if (now === undefined) return '–';
  const base = verdict.statements?.basePerRequest;
  return base !== undefined && Math.abs(base - now) >= 0.05 ? `${base.toFixed(2)} → ${now.toFixed(2)}` : now.toFixed(2);
};
