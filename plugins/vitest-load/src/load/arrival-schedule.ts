/** One stage of an open-model load, in the units the scheduler uses. */
export interface ArrivalStage {
  durationSeconds: number;
  rate: number;
}

/**
 * The intended send times of an open-model load, in milliseconds from its start: evenly spaced
 * at each stage's rate, one stage after the other. A generator, so a long soak at a high rate
 * holds no list of millions of times.
 */
export function* arrivalTimes(stages: ArrivalStage[]): Generator<number, void, undefined> {
  let stageStartMs = 0;
  for (const stage of stages) {
    const count = Math.floor(stage.durationSeconds * stage.rate);
    const intervalMs = 1000 / stage.rate;
    for (let index = 0; index < count; index++) yield stageStartMs + index * intervalMs;
    stageStartMs += stage.durationSeconds * 1000;
  }
}

export const totalSeconds = (stages: ArrivalStage[]): number =>
  stages.reduce((sum, stage) => sum + stage.durationSeconds, 0);
