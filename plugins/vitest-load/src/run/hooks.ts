import type { LoadResult } from '../measure/load-result.ts';

/** What a suite's hooks are given. */
export interface LoadHookContext {
  scenario: string;
  target: string;
  /** The variant about to be (or just) loaded, in a `bench.compare()` suite. */
  variant?: string;
  /** Base URL of the running target. */
  url: string;
  /** The service and sidecar URLs the target got (DATABASE_URL, REDIS_URL, each sidecar's `urlEnv`). */
  env: Record<string, string>;
  /** Base URL of each sidecar, by name, as this process reaches it (to tell a stub upstream to stall, say). */
  sidecars: Record<string, string>;
}

/**
 * What `afterLoad` is given: the measured result and, apart, what the warm-up did. In a
 * `bench.compare()` suite every variant is warmed up before any is measured, with `beforeLoad`
 * run again before each measured load, so there `warmup` is undefined: the data holds the
 * measured load's effects alone.
 */
export interface AfterLoadContext extends LoadHookContext {
  result: LoadResult;
  warmup: LoadResult | undefined;
}

/** A fault as the runner sees it: a service to stop and start, or the suite's hooks. */
export type FaultDefinition =
  | { kind: 'service'; service: 'postgres' | 'redis'; name: string; at: number; duration: number }
  | {
      kind: 'hooks';
      name: string;
      at: number;
      duration: number;
      start: (context: LoadHookContext) => unknown;
      end: (context: LoadHookContext) => unknown;
    };
