import { describe, expect, it } from 'vitest';
import { resolveSettings } from './plugin.ts';

describe('resolveSettings', () => {
  it('takes rounds for every suite from VITEST_LOAD_ROUNDS, as a number or a range', () => {
    expect(resolveSettings({}, '/repo', { VITEST_LOAD_ROUNDS: '1' }).rounds).toEqual({ min: 1, max: 1 });
    expect(resolveSettings({ rounds: 5 }, '/repo', { VITEST_LOAD_ROUNDS: '3-10' }).rounds).toEqual({ min: 3, max: 10 });
    expect(resolveSettings({ rounds: 5 }, '/repo', {}).rounds).toEqual({ min: 5, max: 5 });
    expect(resolveSettings({}, '/repo', {}).rounds).toBeUndefined();
  });

  it('names the variable and the forms it takes when VITEST_LOAD_ROUNDS is wrong', () => {
    expect(() => resolveSettings({}, '/repo', { VITEST_LOAD_ROUNDS: 'many' })).toThrow('VITEST_LOAD_ROUNDS must be a number of rounds ("3") or a range ("3-10"), 1 to 100, got "many"');
    expect(() => resolveSettings({}, '/repo', { VITEST_LOAD_ROUNDS: '5-3' })).toThrow('VITEST_LOAD_ROUNDS');
  });
});
