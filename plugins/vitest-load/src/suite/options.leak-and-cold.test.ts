import { describe, expect, it } from 'vitest';
import { LoadOptionsError, parseCompareSuiteOptions, parseLoadSuiteOptions } from './options.ts';

const target = { name: 'express', command: 'node', args: ['dist/server.js'] };

function rejection(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(LoadOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
}

describe('the leak check option, gate.leak', () => {
  it('takes a limit, with the least growth that counts defaulting to 10 MB and no settle period of its own', () => {
    const options = parseLoadSuiteOptions('soak', {
      targets: [target],
      request: { path: '/' },
      duration: '2m',
      gate: { leak: { maxGrowthMbPerMinute: 5 } },
    });
    expect(options.gate.leak).toEqual({ maxGrowthMbPerMinute: 5, minGrowthMb: 10 });
  });

  it('takes a settle period written for humans', () => {
    const options = parseLoadSuiteOptions('soak', {
      targets: [target],
      request: { path: '/' },
      duration: '1m',
      gate: { leak: { maxGrowthMbPerMinute: 5, minGrowthMb: 20, settle: '15s' } },
    });
    expect(options.gate.leak).toEqual({ maxGrowthMbPerMinute: 5, minGrowthMb: 20, settle: 15 });
  });

  it('refuses a load too short to judge, saying what is left after the settle period and what to change', () => {
    const message = rejection(() =>
      parseLoadSuiteOptions('soak', {
        targets: [target],
        request: { path: '/' },
        duration: '4s',
        gate: { leak: { maxGrowthMbPerMinute: 5 } },
      }),
    );
    expect(message).toContain(
      'option "gate.leak": a measured load of 4 s leaves 3 s after the settle period of 1 s; the leak check needs at least 6 s',
    );
    expect(message).toContain('make "duration" longer');
  });

  it('names a missing limit and a misspelt field', () => {
    expect(
      rejection(() =>
        parseLoadSuiteOptions('soak', { targets: [target], request: { path: '/' }, duration: 60, gate: { leak: {} } }),
      ),
    ).toContain('option "gate.leak.maxGrowthMbPerMinute"');
    expect(
      rejection(() =>
        parseLoadSuiteOptions('soak', {
          targets: [target],
          request: { path: '/' },
          duration: 60,
          gate: { leak: { maxGrowthMbPerMinute: 5, settel: 3 } },
        }),
      ),
    ).toContain('option "gate.leak.settel" is not a known option');
  });
});

describe('a cold variant of bench.compare()', () => {
  const variants = { cold: { cold: true, request: { path: '/users/1' } }, warm: { request: { path: '/users/1' } } };

  it('marks the cold variant and leaves the others warm', () => {
    const options = parseCompareSuiteOptions('23', { targets: [target], variants });
    expect(options.variants.map(({ name, cold }) => ({ name, cold }))).toEqual([
      { name: 'cold', cold: true },
      { name: 'warm', cold: false },
    ]);
  });

  it('refuses two cold variants, and a comparison with no warm one', () => {
    expect(
      rejection(() =>
        parseCompareSuiteOptions('23', {
          targets: [target],
          variants: { ...variants, again: { cold: true, request: { path: '/' } } },
        }),
      ),
    ).toContain(
      'option "variants.again.cold": only one variant can be measured cold, first after the start; "cold" already is',
    );
    expect(
      rejection(() =>
        parseCompareSuiteOptions('23', {
          targets: [target],
          variants: { cold: variants.cold, other: { cold: true, request: { path: '/' } } },
        }),
      ),
    ).toContain('leave at least one variant without "cold"');
  });
});
