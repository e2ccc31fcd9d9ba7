import { describe, expect, it } from 'vitest';
import { runRoundLoop } from './round-loop.ts';

describe('runRoundLoop', () => {
  it('alternates which side goes first, so that drift weighs on both alike', async () => {
    const measured: string[] = [];
    await runRoundLoop({ head: 'head', base: 'base', rounds: { min: 4, max: 4 }, measure: async (side) => (measured.push(side), false), decided: () => false });
    expect(measured).toEqual(['base', 'head', 'head', 'base', 'base', 'head', 'head', 'base']);
  });

  it('measures at least min rounds and stops as soon as the verdict is clear', async () => {
    const asked: number[] = [];
    const rounds = await runRoundLoop({ head: 'head', rounds: { min: 3, max: 10 }, measure: async () => false, decided: (round) => (asked.push(round), round === 5) });
    expect(asked).toEqual([3, 4, 5]);
    expect(rounds).toBe(5);
  });

  it('stops at max rounds when the verdict stays open, saying so before each extra round', async () => {
    const told: number[] = [];
    const rounds = await runRoundLoop({ head: 'head', rounds: { min: 2, max: 4 }, measure: async () => false, decided: () => false, onInconclusive: (round) => told.push(round) });
    expect(rounds).toBe(4);
    expect(told).toEqual([2, 3]);
  });

  it('stops after a round that decides the verdict alone, such as failed requests', async () => {
    let count = 0;
    const rounds = await runRoundLoop({ head: 'head', base: 'base', rounds: { min: 3, max: 10 }, measure: async (side) => ++count === 4 && side === 'base', decided: () => false });
    expect(rounds).toBe(2);
  });
});
