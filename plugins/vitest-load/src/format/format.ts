/**
 * Figures as text, the one place that decides how a latency, a share or a change reads: verdict
 * messages, the result line, the Markdown summary and the HTML report all say them alike.
 */

/** An interval on a relative change, as the verdict rules give it. */
export interface ChangeIntervalText {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  headRounds: number;
  baseRounds: number;
}

/** A judged change: its interval (absent with one round each) and the smallest change it could have seen. */
export interface JudgedChange {
  interval?: ChangeIntervalText;
  detectable?: number;
}

export const formatMs = (ms: number): string => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
/** A share of something whole, such as a CPU's time: "97%". */
export const formatShare = (fraction: number): string => `${Math.round(fraction * 100)}%`;
export const formatPercent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;

/** "+12.3% (95% CI +8.1% … +16.6%, 6 rounds each; could detect ≥ 6.1%)" */
export function formatChange(change: JudgedChange, head = 0, base = 0): string {
  const { interval } = change;
  if (!interval) return `${formatPercent(head / base - 1)} (one round each: no interval)`;
  const rounds =
    interval.baseRounds === interval.headRounds
      ? `${interval.headRounds} rounds each`
      : `${interval.headRounds} rounds against ${interval.baseRounds}`;
  const detectable =
    change.detectable === undefined ? '' : `; could detect ≥ ${formatPercent(change.detectable).slice(1)}`;
  return `${formatPercent(interval.estimate)} (${Math.round(interval.confidence * 100)}% CI ${formatPercent(interval.low)} … ${formatPercent(interval.high)}, ${rounds}${detectable})`;
}

/** CPU time per request: "0.067 ms CPU". */
export const formatCpuMs = (ms: number): string => `${ms.toFixed(ms < 1 ? 3 : 2)} ms CPU`;

/** Whole numbers with thousands separators, the same in every locale the report is opened in. */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');

/** `2026-11-22 12:00:05 UTC`: the run's end, unambiguous for a reviewer in another time zone. */
export const formatRunTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** A statement's total time: `9,120 ms` reads better than `9120.0 ms` once it is in seconds. */
export const formatTotalMs = (ms: number): string => (ms >= 1000 ? `${formatCount(ms)} ms` : formatMs(ms));

export const formatStatusCodes = (codes: Record<string, number>): string =>
  Object.entries(codes)
    .map(([code, count]) => `${code}: ${formatCount(count)}`)
    .join(', ') || '–';
