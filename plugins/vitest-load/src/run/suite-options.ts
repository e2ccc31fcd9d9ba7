import type { LoadEngine } from '../load/load-engine.ts';
import type { LoadRequest, LoadStage } from '../load/load-request.ts';
import type { RecoveryRule } from '../measure/recovery.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';
import type { Expectation, Gate } from '../verdict/gate.ts';
import type { AfterLoadContext, FaultDefinition, LoadHookContext } from './hooks.ts';

/**
 * A suite's options as the run uses them: validated and made explicit by `suite/options`
 * (durations in seconds, fractions as numbers, a plain `rate` as one open stage).
 */
export interface SuiteLoadOptions {
  targets: TargetDefinition[];
  connections: number;
  stages?: LoadStage[];
  /** What sends the load (VITEST_LOAD_ENGINE overrides it). */
  engine: LoadEngine;
  faults?: FaultDefinition[];
  recovery: RecoveryRule;
  warmup: number;
  /** Seconds of one measured round (the stages' sum when there are stages). */
  duration: number;
  rounds: { min: number; max: number };
  /** Per-request timeout, seconds. */
  timeout: number;
  gate: Gate;
  /** One extra, unjudged round with the target's CPU profiled, after the judged ones. */
  profile: boolean;
  beforeLoad?: (context: LoadHookContext) => unknown;
  afterLoad?: (context: AfterLoadContext) => unknown;
}

/** `bench.load()`: one load. */
export interface LoadSuiteOptions extends SuiteLoadOptions {
  requests: LoadRequest[];
}

/** One variant of a `bench.compare()` suite. */
export interface VariantOptions {
  name: string;
  /** Measured first in every round, on the freshly started target, without warm-up. */
  cold: boolean;
  requests: LoadRequest[];
}

/** `bench.compare()`: variants measured side by side, and the claims about them. */
export interface CompareSuiteOptions extends SuiteLoadOptions {
  variants: VariantOptions[];
  expect: Expectation[];
}

/** `bench.compareTargets()`: one load on every target in the same rounds, and claims between targets. */
export interface TargetsComparisonOptions extends LoadSuiteOptions {
  acrossTargets: true;
  expect: Expectation[];
}
