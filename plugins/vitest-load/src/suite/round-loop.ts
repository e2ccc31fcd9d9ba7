/** A side of a comparison as the round loop sees it: something to measure once per round. */
export interface RoundLoop<Side> {
  head: Side;
  /** The base revision's side in a same-job A/B; absent against a stored baseline. */
  base?: Side;
  rounds: { min: number; max: number };
  /** Measures one round of one side; true when that round decides the verdict alone (wrong data, errors). */
  measure: (side: Side) => Promise<boolean>;
  /** After at least `min` rounds: true once the rounds so far decide the verdict. */
  decided: (round: number) => boolean;
  /** Told when a round leaves the verdict open and another follows. */
  onInconclusive?: (round: number) => void;
}

/**
 * Measures rounds until the verdict is clear or the rounds run out. With a base, each round
 * measures both sides, base first in odd rounds and head first in even ones (ABBA), so that a
 * machine slowing down or speeding up through the run weighs on both sides alike.
 * Returns the number of rounds measured.
 */
export async function runRoundLoop<Side>(loop: RoundLoop<Side>): Promise<number> {
  for (let round = 1; round <= loop.rounds.max; round++) {
    const order = !loop.base ? [loop.head] : round % 2 === 1 ? [loop.base, loop.head] : [loop.head, loop.base];
    let settled = false;
    for (const side of order) settled = (await loop.measure(side)) || settled;
    if (settled) return round;
    if (round >= loop.rounds.min) {
      if (loop.decided(round)) return round;
      if (round < loop.rounds.max) loop.onInconclusive?.(round);
    }
  }
  return loop.rounds.max;
}
