import type { LoadResult } from '../../measure/load-result.ts';
import { formatMs, formatPercent, type Verdict } from '../../verdict/verdict.ts';

/** Whole numbers with thousands separators, the same in every locale the report is opened in. */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');

/** `2026-11-22 12:00:05 UTC`: the run's end, unambiguous for a reviewer in another time zone. */
export const formatRunTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** A statement's total time: `9,120 ms` reads better than `9120.0 ms` once it is in seconds. */
export const formatTotalMs = (ms: number): string => (ms >= 1000 ? `${formatCount(ms)} ms` : formatMs(ms));

export const formatErrors = (result: Pick<LoadResult, 'errors' | 'errorRate'>): string =>
  result.errors === 0 ? '0' : `${formatCount(result.errors)} (${(result.errorRate * 100).toFixed(2)}%)`;

export const formatChange = (verdict: Verdict): string => (verdict.p95Change === undefined ? '–' : formatPercent(verdict.p95Change));

export const formatStatusCodes = (codes: Record<string, number>): string =>
  Object.entries(codes)
    .map(([code, count]) => `${code}: ${formatCount(count)}`)
    .join(', ') || '–';
