import { describe, expect, it } from 'vitest';
import type { FlameNode } from './cpu-profile.ts';
import { differentialFlame, framesThatGrew } from './profile-difference.ts';

describe('framesThatGrew', () => {
  it('ranks the frames whose share of self time grew from base to head, largest growth first', () => {
    const base = [
      { frame: 'handler', share: 0.5 },
      { frame: 'JSON.stringify', share: 0.3 },
      { frame: 'gone', share: 0.2 },
    ];
    const head = [
      { frame: 'slowOnPurpose', share: 0.6 },
      { frame: 'handler', share: 0.2 },
      { frame: 'JSON.stringify', share: 0.2 },
    ];
    expect(framesThatGrew(base, head)).toEqual([{ frame: 'slowOnPurpose', baseShare: 0, headShare: 0.6, growth: 0.6 }]);
  });

  it('keeps at most the top frames asked for', () => {
    const head = ['a', 'b', 'c'].map((frame, index) => ({ frame, share: 0.1 * (index + 1) }));
    expect(framesThatGrew([], head, 2).map((entry) => entry.frame)).toEqual(['c', 'b']);
  });
});

describe('differentialFlame', () => {
  const node = (name: string, value: number, children: FlameNode[] = []): FlameNode => ({ name, value, children });

  it('marks the frames of the head whose self-time share grew over the same call path in the base', () => {
    const base = node('(root)', 100, [node('main', 100, [node('handler', 80)])]);
    const head = node('(root)', 200, [node('main', 200, [node('handler', 80), node('slowOnPurpose', 80)])]);
    const diff = differentialFlame(base, head);
    const main = diff.children[0]!;
    expect(main.children.map((child) => [child.name, child.delta])).toEqual([
      // 40% of the head against 80% of the base: shrank by 40% of 200 µs.
      ['handler', -80],
      ['slowOnPurpose', 80],
    ]);
    // main's own time: 20% in both.
    expect(main.delta).toBe(0);
    expect(diff.value).toBe(200);
  });
});
