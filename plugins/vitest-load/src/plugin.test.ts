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
    expect(() => resolveSettings({}, '/repo', { VITEST_LOAD_ROUNDS: 'many' })).toThrow(
      'VITEST_LOAD_ROUNDS must be a number of rounds ("3") or a range ("3-10"), 1 to 100, got "many"',
    );
    expect(() => resolveSettings({}, '/repo', { VITEST_LOAD_ROUNDS: '5-3' })).toThrow('VITEST_LOAD_ROUNDS');
  });
});

describe('the load engine of a run', () => {
  it("takes VITEST_LOAD_ENGINE over the suites' own engine, and none when it is unset or empty", () => {
    expect(resolveSettings({}, '/repo', { VITEST_LOAD_ENGINE: 'vegeta' }).engine).toBe('vegeta');
    expect(resolveSettings({}, '/repo', { VITEST_LOAD_ENGINE: '' }).engine).toBeUndefined();
    expect(resolveSettings({}, '/repo', {}).engine).toBeUndefined();
  });

  it('names the variable and the engines it takes when VITEST_LOAD_ENGINE is wrong', () => {
    expect(() => resolveSettings({}, '/repo', { VITEST_LOAD_ENGINE: 'k6' })).toThrow(
      'VITEST_LOAD_ENGINE must be "built-in" or "vegeta", got "k6"',
    );
  });
});

describe('profiling for a run', () => {
  it('profiles every suite when VITEST_LOAD_PROFILE is set, and none otherwise', () => {
    expect(resolveSettings({}, '/repo', { VITEST_LOAD_PROFILE: '1' }).profile).toBe(true);
    expect(resolveSettings({}, '/repo', {}).profile).toBeUndefined();
  });
});

describe('the record command in messages', () => {
  it('names the project and the package manager that started the run', () => {
    expect(
      resolveSettings(
        {},
        '/repo',
        { npm_config_user_agent: 'pnpm/12.26.0 npm/? node/v20.20.2 linux x64' },
        false,
        'load',
      ).recordCommand,
    ).toBe('pnpm vitest run --project load -u');
    expect(resolveSettings({}, '/repo', {}, false, '').recordCommand).toBe('npx vitest run -u');
  });

  it('mirrors the suites below suitesDir, the root by default', () => {
    expect(resolveSettings({}, '/repo', {}).suitesDir).toBe('/repo');
    expect(resolveSettings({ suitesDir: 'bench' }, '/repo', {}).suitesDir).toBe('/repo/bench');
  });
});

describe('a smoke run', () => {
  it('cuts every load short and to one round when VITEST_LOAD_SMOKE is set', () => {
    expect(resolveSettings({}, '/repo', { VITEST_LOAD_SMOKE: '1' }).shortLoad).toEqual({ warmup: 0.5, duration: 1.5 });
    expect(resolveSettings({}, '/repo', {}).shortLoad).toBeUndefined();
  });
});
