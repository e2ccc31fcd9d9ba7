/**
 * `vitest-load/internal`: the building blocks below `bench.load()`, for tools that measure the
 * plugin itself (its gate's quality, its load generator's ceiling; the lab's `scripts/`). No
 * promise of stability: these follow the plugin's layers (docs/architecture.md) as they change.
 */
export { runClosedModel, runStagedClosedModel } from './load/closed-model.ts';
export { runOpenModel } from './load/open-model.ts';
export { prepareRequest, type PreparedRequest } from './load/prepared-request.ts';
export type { LatencyPercentiles } from './measure/latency-histogram.ts';
export { LoadPhases } from './measure/load-phases.ts';
export type { LoadResult } from './measure/load-result.ts';
export { Measurement, recordInto } from './measure/measurement.ts';
export { summarizePhases } from './measure/phase-results.ts';
export { requestCost, type CostTally } from './measure/request-cost.ts';
export { resultsFileSchema } from './report/results-file.ts';
export { markdownMatrix, targetsMatrix } from './report/targets-matrix.ts';
export { roundFigures } from './run/load-record.ts';
export { measureDuetRound, type DuetSide } from './run/measure-duet-round.ts';
export { measureRound, type RoundLoad, type RoundSide } from './run/measure-round.ts';
export { runRoundLoop } from './run/round-loop.ts';
export { parseLoadSuiteOptions } from './suite/options.ts';
export { pinThisProcess, planCpuPinning } from './targets/cpu-pinning.ts';
export { startProcessTarget } from './targets/process-target.ts';
export { startServices } from './targets/services/index.ts';
export { compareCpu } from './verdict/cpu-comparison.ts';
export { compareP95, type Comparison, type P95Change } from './verdict/p95-comparison.ts';
export { roundsSettle } from './verdict/stopping-rule.ts';
