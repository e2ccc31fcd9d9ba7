import { describe, expect, it } from 'vitest';
import { frameName, summarizeCpuProfile, type V8CpuProfile } from './cpu-profile.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });

// root → main → (slowOnPurpose, handler); root → (idle)
const profile: V8CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('main', 'file:///srv/app/server.js', 9), children: [3, 4] },
    { id: 3, callFrame: frame('slowOnPurpose', 'file:///srv/app/server.js', 2) },
    { id: 4, callFrame: frame('handler', 'file:///srv/app/server.js', 5) },
    { id: 5, callFrame: frame('(idle)') },
  ],
  // Each sample counts for the interval up to the next one; the last for its own.
  samples: [3, 3, 3, 4, 2, 5, 5],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100],
};

describe('summarizeCpuProfile', () => {
  it('ranks frames by their own time as a share of the busy time, idle left out', () => {
    const summary = summarizeCpuProfile(profile);
    expect(summary.busyMicroseconds).toBe(500);
    expect(summary.topSelf).toEqual([
      { frame: 'slowOnPurpose app/server.js:3', share: 0.6 },
      { frame: 'handler app/server.js:6', share: 0.2 },
      { frame: 'main app/server.js:10', share: 0.2 },
    ]);
  });

  it('builds a flame graph whose frames hold their callees’ time', () => {
    const { flame } = summarizeCpuProfile(profile);
    expect(flame.name).toBe('(root)');
    expect(flame.value).toBe(500);
    const main = flame.children[0]!;
    expect(main).toMatchObject({ name: 'main app/server.js:10', value: 500 });
    expect(main.children.map((child) => [child.name, child.value])).toEqual([
      ['slowOnPurpose app/server.js:3', 300],
      ['handler app/server.js:6', 100],
    ]);
  });

  it('folds frames under the smallest share into their parent’s total', () => {
    const { flame } = summarizeCpuProfile(profile, { minShare: 0.25 });
    expect(flame.children[0]!.children.map((child) => child.name)).toEqual(['slowOnPurpose app/server.js:3']);
    expect(flame.children[0]!.value).toBe(500);
  });

  it('counts a negative time delta as nothing', () => {
    const summary = summarizeCpuProfile({ ...profile, samples: [3, 4], timeDeltas: [100, -20] });
    expect(summary.topSelf).toEqual([]);
    expect(summary.busyMicroseconds).toBe(0);
  });

  it('refuses a profile without a root', () => {
    expect(() =>
      summarizeCpuProfile({ nodes: [{ id: 1, callFrame: frame('a'), children: [1] }], samples: [], timeDeltas: [] }),
    ).toThrow(/no root node/);
  });
});

describe('frameName', () => {
  it('names an anonymous function with no file plainly', () => {
    expect(frameName(frame(''))).toBe('(anonymous)');
  });

  it('names a file under the target’s folder relative to it, so that a base elsewhere names it alike', () => {
    expect(frameName(frame('handler', 'file:///tmp/base-1/src/server.js', 4), '/tmp/base-1')).toBe(
      'handler src/server.js:5',
    );
  });

  it('keeps the last two path segments and counts lines from one', () => {
    expect(frameName(frame('parse', 'node:internal/deps/undici/undici.js', 41))).toBe('parse undici/undici.js:42');
  });
});
