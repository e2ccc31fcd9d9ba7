/** Rounds of a suite's series, each round a list of steps the schedule gives (round-schedule.ts). */
export interface RoundLoop<Step> {
  rounds: { min: number; max: number };
  /** The steps of round `round` (1, 2, ...), measured in this order. */
  steps: (round: number) => Step[];
  /** Measures one step; true when that step decides the verdict alone (wrong data, errors). */
  measure: (step: Step, round: number) => Promise<boolean>;
  /** After at least `min` rounds: true once the rounds so far decide the verdict. */
  decided: (round: number) => boolean;
  /** Told when a round leaves the verdict open and another follows. */
  onInconclusive?: (round: number) => void;
}

/**
 * Measures rounds until the verdict is clear or the rounds run out: every step of a round, then
 * the stopping rule. A step that decides the verdict alone ends the loop after its round.
 * Returns the number of rounds measured.
 */
export async function runRoundLoop<Step>(loop: RoundLoop<Step>): Promise<number> {
  for (let round = 1; round <= loop.rounds.max; round++) {
    let settled = false;
    for (const step of loop.steps(round)) settled = (await loop.measure(step, round)) || settled;
    if (settled) return round;
    if (round >= loop.rounds.min) {
      if (loop.decided(round)) return round;
      if (round < loop.rounds.max) loop.onInconclusive?.(round);
    }
  }
  return loop.rounds.max;
}
