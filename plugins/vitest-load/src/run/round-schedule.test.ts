import { describe, expect, it } from 'vitest';
import { compareSchedule, loadSchedule, targetsSchedule, type RoundStep } from './round-schedule.ts';
import type { Series } from './series.ts';

const series = (name: string, cold = false): Series => ({ name, cold }) as Series;
const gate = (duet: number | false) => ({ gate: { duet, leak: undefined } }) as Parameters<typeof loadSchedule>[2];
const names = (steps: RoundStep[]): string[] =>
  steps.flatMap((step) =>
    step.kind === 'duet' ? [`duet ${step.base.name}+${step.head.name}`] : step.loads.map((load) => load.name),
  );

describe('loadSchedule', () => {
  it('alternates which side goes first, so that drift weighs on both alike', () => {
    const schedule = loadSchedule(series('head'), series('base'), gate(false));
    const measured = [1, 2, 3, 4].flatMap((round) => names(schedule.steps(round)));
    expect(measured).toEqual(['base', 'head', 'head', 'base', 'base', 'head', 'head', 'base']);
  });

  it('measures base and head as a duet in every round when the load can be sliced', () => {
    const schedule = loadSchedule(series('head'), series('base'), gate(0.5));
    expect(names(schedule.steps(1))).toEqual(['duet base+head']);
    expect(schedule.reported.map((each) => each.name)).toEqual(['head']);
  });

  it('measures the head alone without a base', () => {
    expect(names(loadSchedule(series('head'), undefined, gate(0.5)).steps(3))).toEqual(['head']);
  });
});

describe('compareSchedule', () => {
  it('loads a cold variant first and rotates the others from round to round', () => {
    const schedule = compareSchedule([series('a'), series('cold', true), series('b'), series('c')]);
    expect(names(schedule.steps(1))).toEqual(['cold', 'a', 'b', 'c']);
    expect(names(schedule.steps(2))).toEqual(['cold', 'b', 'c', 'a']);
  });
});

describe('targetsSchedule', () => {
  it('starts and loads every target once per round, the first rotating so that none always goes first', () => {
    const schedule = targetsSchedule([series('express'), series('fastify'), series('go-gin')]);
    expect(names(schedule.steps(1))).toEqual(['express', 'fastify', 'go-gin']);
    expect(names(schedule.steps(2))).toEqual(['fastify', 'go-gin', 'express']);
    expect(schedule.steps(1).every((step) => step.kind === 'process' && step.loads.length === 1)).toBe(true);
  });
});
