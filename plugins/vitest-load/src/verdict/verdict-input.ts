import type { MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import type { LoadResult } from '../measure/load-result.ts';
import type { ExpectationVerdict } from './expectation.ts';
import type { LatencyGateMode } from './findings.ts';
import type { Gate } from './gate.ts';
import type { MemoryVerdict } from './memory-leak.ts';
import type { Comparison } from './p95-comparison.ts';

/** Everything a result is judged on. */
export interface VerdictInput {
  scenario: string;
  target: string;
  /** Pooled over the rounds, with each round's figures in `rounds`. */
  result: LoadResult;
  environment: MeasurementEnvironment;
  gate: Gate;
  /** The load this result was measured with; a baseline measured with another is not judged. */
  load: BaselineEntry['load'];
  /** The baseline found, or the base revision measured in this job; undefined when there is neither. */
  comparison: Comparison | undefined;
  /** Where a baseline would be recorded, for the message that says how. */
  baselineFile: string;
  /** The command that records baselines in this project, for the same message. */
  recordCommand: string;
  latencyGate: LatencyGateMode;
  requireBaseline: boolean;
  /** Judge the p95 change even when the baseline comes from another environment. */
  compareAcrossEnvironments: boolean;
  /** What the suite's check after the load found wrong, if anything. */
  checkFailure?: string;
  /** The leak check's judgement of the rounds' memory, when the gate asks for one. */
  memory?: MemoryVerdict;
  /** The claims of a comparison about this result, named with the comparison's label. */
  claims?: { label: string; verdicts: ExpectationVerdict[] };
}
