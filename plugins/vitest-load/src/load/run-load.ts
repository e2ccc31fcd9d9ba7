import type { LoadOutcome, ResponseRecorder } from '../measure/measurement.ts';
import { engineRefusals, type LoadEngine } from './load-engine.ts';
import { isOpenStages, type LoadStage } from './load-request.ts';
import { runClosedModel, runStagedClosedModel } from './closed-model.ts';
import { runOpenModel } from './open-model.ts';
import type { PreparedRequest } from './prepared-request.ts';
import { runVegeta } from './vegeta/run-vegeta.ts';

/** The load a suite asks for, in either model. */
export interface LoadShape {
  connections: number;
  /** Arrival rates over time (open model) or connections over time (closed model); absent for a fixed closed model. */
  stages?: LoadStage[];
  timeout: number;
  /** What sends the load; default: the built-in generator. */
  engine?: LoadEngine;
}

/** One load to run: where, what, in which shape, for how long, recorded where. */
export interface LoadRun {
  url: string;
  requests: PreparedRequest[];
  shape: LoadShape;
  seconds: number;
  /** Where each response is recorded; none for a load whose figures nobody reads. */
  measurement?: ResponseRecorder;
  signal: AbortSignal;
  /**
   * A steady load of `seconds` at the shape's first stage (a warm-up, a duet's slice), rather
   * than the shape's stages in full.
   */
  steady: boolean;
}

/**
 * One load of `seconds` (a warm-up) or of the suite's whole measured round, closed or open
 * model as the suite asks. A steady load of a staged shape runs at its first stage (its rate, or
 * its connections).
 */
export async function runLoad({
  url,
  requests,
  shape,
  seconds,
  measurement,
  signal,
  steady: warmup,
}: LoadRun): Promise<LoadOutcome> {
  const common = {
    url,
    requests,
    connections: shape.connections,
    timeoutSeconds: shape.timeout,
    signal,
    ...(measurement ? { measurement } : {}),
  };
  if (shape.engine === 'vegeta') return runOnVegeta(common, shape, seconds);
  if (!shape.stages) return runClosedModel({ ...common, durationSeconds: seconds });
  if (isOpenStages(shape.stages)) {
    const stages = warmup
      ? [{ durationSeconds: seconds, rate: shape.stages[0]!.rate }]
      : shape.stages.map((stage) => ({ durationSeconds: stage.duration, rate: stage.rate }));
    return runOpenModel({ ...common, stages });
  }
  const first = shape.stages[0]!;
  if (warmup)
    return runClosedModel({
      ...common,
      connections: 'connections' in first ? first.connections : shape.connections,
      durationSeconds: seconds,
    });
  return runStagedClosedModel({
    ...common,
    stages: shape.stages.map((stage) => ({
      durationSeconds: stage.duration,
      connections: 'connections' in stage ? stage.connections : shape.connections,
    })),
  });
}

/** A steady load on vegeta: its one arrival rate (open model), or its connections (closed model). */
function runOnVegeta(
  common: Omit<Parameters<typeof runVegeta>[0], 'seconds' | 'rate'>,
  shape: LoadShape,
  seconds: number,
): Promise<LoadOutcome> {
  const [refusal] = engineRefusals('vegeta', shape);
  if (refusal) throw new Error(`${refusal.path.join('.')}: ${refusal.message}`);
  const first = shape.stages?.[0];
  return runVegeta({ ...common, seconds, ...(first && 'rate' in first ? { rate: first.rate } : {}) });
}

/** Outcomes of several rounds added up, for the figures pooled over them. */
export function addOutcomes(outcomes: LoadOutcome[]): LoadOutcome {
  const total = outcomes.reduce(
    (sum, outcome) => ({
      elapsedSeconds: sum.elapsedSeconds + outcome.elapsedSeconds,
      sent: sum.sent + outcome.sent,
      transportErrors: sum.transportErrors + outcome.transportErrors,
      timeouts: sum.timeouts + outcome.timeouts,
    }),
    { elapsedSeconds: 0, sent: 0, transportErrors: 0, timeouts: 0 },
  );
  const timed = outcomes.filter((outcome) => outcome.lateSends !== undefined);
  return timed.length === 0
    ? total
    : { ...total, lateSends: timed.reduce((sum, outcome) => sum + outcome.lateSends!, 0) };
}
