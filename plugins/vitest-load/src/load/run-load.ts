import type { LoadOutcome, ResponseRecorder } from '../measure/measurement.ts';
import type { LoadStage } from '../suite/options.ts';
import { runClosedModel } from './closed-model.ts';
import { runOpenModel } from './open-model.ts';
import type { PreparedRequest } from './prepared-request.ts';

/** The load a suite asks for, in either model. */
export interface LoadShape {
  connections: number;
  /** Present for the open model: arrival rates over time. */
  stages?: LoadStage[];
  timeout: number;
}

/**
 * One load of `seconds` (a warm-up) or of the suite's whole measured round (`seconds`
 * undefined), closed or open model as the suite asks. A warm-up of an open model runs at its
 * first stage's rate.
 */
export async function runLoad(
  url: string,
  requests: PreparedRequest[],
  shape: LoadShape,
  seconds: number,
  measurement: ResponseRecorder | undefined,
  signal: AbortSignal,
  warmup: boolean,
): Promise<LoadOutcome> {
  const common = { url, requests, connections: shape.connections, timeoutSeconds: shape.timeout, signal, ...(measurement ? { measurement } : {}) };
  if (!shape.stages) return runClosedModel({ ...common, durationSeconds: seconds });
  const stages = warmup ? [{ durationSeconds: seconds, rate: shape.stages[0]!.rate }] : shape.stages.map((stage) => ({ durationSeconds: stage.duration, rate: stage.rate }));
  return runOpenModel({ ...common, stages });
}

/** Outcomes of several rounds added up, for the figures pooled over them. */
export function addOutcomes(outcomes: LoadOutcome[]): LoadOutcome {
  return outcomes.reduce(
    (total, outcome) => ({
      elapsedSeconds: total.elapsedSeconds + outcome.elapsedSeconds,
      sent: total.sent + outcome.sent,
      transportErrors: total.transportErrors + outcome.transportErrors,
      timeouts: total.timeouts + outcome.timeouts,
    }),
    { elapsedSeconds: 0, sent: 0, transportErrors: 0, timeouts: 0 },
  );
}
