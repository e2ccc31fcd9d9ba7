import { describe, expect, it } from 'vitest';
import { engineFromEnv, engineRefusals } from './load-engine.ts';

describe('engineRefusals', () => {
  it('refuses nothing on the built-in engine', () => {
    expect(engineRefusals('built-in', { stages: [{ duration: 1, connections: 2 }], faults: [{}] })).toEqual([]);
  });

  it('lets vegeta run a fixed closed model and one arrival rate, and refuses changing stages and faults', () => {
    expect(engineRefusals('vegeta', {})).toEqual([]);
    expect(engineRefusals('vegeta', { stages: [{ duration: 3, rate: 100 }] })).toEqual([]);
    expect(engineRefusals('vegeta', { stages: [{ duration: 3, connections: 5 }] }).map((r) => r.path)).toEqual([
      ['stages'],
    ]);
    expect(
      engineRefusals('vegeta', {
        stages: [
          { duration: 1, rate: 1 },
          { duration: 1, rate: 2 },
        ],
        faults: [{}],
      }).map((r) => r.path),
    ).toEqual([['stages'], ['faults']]);
  });
});

describe('engineFromEnv', () => {
  it('reads VITEST_LOAD_ENGINE, unset when empty, and names the variable for a bad value', () => {
    expect(engineFromEnv(undefined)).toBeUndefined();
    expect(engineFromEnv('')).toBeUndefined();
    expect(engineFromEnv('vegeta')).toBe('vegeta');
    expect(() => engineFromEnv('k6')).toThrow('VITEST_LOAD_ENGINE must be "built-in" or "vegeta", got "k6"');
  });
});
