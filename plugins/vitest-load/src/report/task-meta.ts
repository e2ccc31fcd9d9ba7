import type { MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadDetails } from '../measure/load-details.ts';
import type { LoadResult } from '../measure/load-result.ts';
import type { CpuPinning } from '../targets/cpu-pinning.ts';
import type { Verdict } from '../verdict/verdict.ts';

/** What a load test hands to the reporters, through its task's meta (JSON only). */
export interface LoadTestMeta {
  scenario: string;
  target: string;
  result: LoadResult;
  /** p95 of the stored baseline, or of the base revision in a same-job A/B. */
  baselineP95Ms?: number;
  /** The base revision this result was judged against (same-job A/B). */
  base?: string;
  verdict: Verdict;
  environment: MeasurementEnvironment;
  pinning: CpuPinning;
  baselineWritten: boolean;
  /** Over time, distribution, resources, statements: for reports; absent in old results. */
  details?: LoadDetails;
}

const META_KEY = 'vitestLoad';

/** One result per test, or one per variant of a `bench.compare()` test. */
export function attachLoadMeta(meta: object, value: LoadTestMeta | LoadTestMeta[]): void {
  (meta as Record<string, unknown>)[META_KEY] = value;
}

export function readLoadMetas(meta: object): LoadTestMeta[] {
  const value = (meta as Record<string, LoadTestMeta | LoadTestMeta[] | undefined>)[META_KEY];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function baselineP95(entry: BaselineEntry | undefined): { baselineP95Ms?: number } {
  return entry ? { baselineP95Ms: entry.latencyMs.p95 } : {};
}
