import type { TargetInput } from './suite/options.ts';

export { bench } from './suite/bench.ts';
export type {
  CompareSuiteInput as CompareSuiteOptions,
  CompareTargetsInput as CompareTargetsOptions,
  LoadSuiteInput as LoadSuiteOptions,
  TargetInput as LoadTarget,
} from './suite/options.ts';
export type { AfterLoadContext, LoadHookContext } from './run/hooks.ts';
export { LoadOptionsError } from './suite/options.ts';
export type { LoadResult, RequestKindResult } from './measure/load-result.ts';
export type { Verdict, VerdictOutcome } from './verdict/verdict.ts';

/** Declares a target: a command that serves HTTP on the port it finds in PORT. Typed identity, for editors. */
export function defineTarget(target: TargetInput): TargetInput {
  return target;
}
