import { cpus } from 'node:os';
import { describe, expect, test } from 'vitest';
import { coresOf, cpuListSize } from './cpu-pinning.ts';

describe('cpuListSize', () => {
  test('counts single cores, ranges and lists of both', () => {
    expect(cpuListSize('1')).toBe(1);
    expect(cpuListSize('1-3')).toBe(3);
    expect(cpuListSize('0,2-3')).toBe(3);
  });

  test('refuses what is not a CPU list, naming it', () => {
    expect(() => cpuListSize('all')).toThrow('not a CPU list: "all"');
  });
});

describe('coresOf', () => {
  test('gives the generator one core (it sends from one thread) and the target the cores it is pinned to', () => {
    expect(coresOf({ pinned: true, loadGeneratorCpus: '0', targetCpus: '1-7' })).toEqual({ generator: 1, target: 7 });
  });

  test('unpinned, the target may use every core of the machine and the generator still one', () => {
    expect(coresOf({ pinned: false, reason: 'disabled' })).toEqual({ generator: 1, target: cpus().length });
  });
});
