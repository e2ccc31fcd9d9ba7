import { describe, expect, it } from 'vitest';
import { runRoundLoop } from './round-loop.ts';

const oneStep = () => ['head'];

describe('runRoundLoop', () => {
  it('measures every step of a round in the order the schedule gives', async () => {
    const measured: string[] = [];
    await runRoundLoop({
      rounds: { min: 2, max: 2 },
      steps: (round) => [`a${round}`, `b${round}`],
      measure: async (step) => (measured.push(step), false),
      decided: () => false,
    });
    expect(measured).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('measures at least min rounds and stops as soon as the verdict is clear', async () => {
    const asked: number[] = [];
    const rounds = await runRoundLoop({
      steps: oneStep,
      rounds: { min: 3, max: 10 },
      measure: async () => false,
      decided: (round) => (asked.push(round), round === 5),
    });
    expect(asked).toEqual([3, 4, 5]);
    expect(rounds).toBe(5);
  });

  it('stops at max rounds when the verdict stays open, saying so before each extra round', async () => {
    const told: number[] = [];
    const rounds = await runRoundLoop({
      steps: oneStep,
      rounds: { min: 2, max: 4 },
      measure: async () => false,
      decided: () => false,
      onInconclusive: (round) => told.push(round),
    });
    expect(rounds).toBe(4);
    expect(told).toEqual([2, 3]);
  });

  it('stops after a round that decides the verdict alone, such as failed requests', async () => {
    let count = 0;
    const rounds = await runRoundLoop({
      steps: (round) => (round % 2 === 1 ? ['base', 'head'] : ['head', 'base']),
      rounds: { min: 3, max: 10 },
      measure: async (side) => ++count === 4 && side === 'base',
      decided: () => false,
    });
    expect(rounds).toBe(2);
  });
});
