import { describe, expect, it } from 'vitest';
import { judgeExpectation } from './expectation.ts';

const rounds = (...p95s: number[]) =>
  p95s.map((p95) => ({ p50: p95 / 2, p95, p99: p95 * 2, requestsPerSecond: 1000 / p95, requests: 1000 }));
const cursorOverOffset = { faster: 'cursor', than: 'offset', by: 1.5, figure: 'p95' as const };

describe('judgeExpectation', () => {
  it('holds when the whole interval of the ratio is at least the expected factor', () => {
    const verdict = judgeExpectation(cursorOverOffset, rounds(1, 1.1, 0.9), rounds(3.1, 3.3, 2.8), 0.95);
    expect(verdict.outcome).toBe('held');
    expect(verdict.times!.estimate).toBeCloseTo(3.06, 1);
    expect(verdict.message).toMatch(
      /^expectation "cursor at least 1\.50× faster than offset in p95" holds: measured 3\.\d\d× \(95% CI \d\.\d\d× … \d\.\d\d×, 3 rounds\)$/,
    );
  });

  it('is contradicted when the whole interval is below the expected factor', () => {
    const verdict = judgeExpectation(cursorOverOffset, rounds(1, 1.1, 0.9), rounds(1.1, 1.2, 1.0), 0.95);
    expect(verdict.outcome).toBe('contradicted');
    expect(verdict.message).toContain('is contradicted');
  });

  it('is inconclusive while the interval spans the expected factor', () => {
    expect(judgeExpectation(cursorOverOffset, rounds(1, 1, 1), rounds(1.2, 2.2, 1.6), 0.95).outcome).toBe(
      'inconclusive',
    );
    expect(judgeExpectation(cursorOverOffset, rounds(1), rounds(3), 0.95).outcome).toBe('inconclusive');
  });

  it('compares the figure asked for', () => {
    const fast = [
      { p50: 1, p95: 5, p99: 9, requestsPerSecond: 1, requests: 1 },
      { p50: 1, p95: 5.2, p99: 9, requestsPerSecond: 1, requests: 1 },
      { p50: 1.05, p95: 4.8, p99: 9, requestsPerSecond: 1, requests: 1 },
    ];
    const slow = fast.map((round) => ({ ...round, p50: round.p50 * 2 }));
    expect(judgeExpectation({ ...cursorOverOffset, figure: 'p50' }, fast, slow, 0.95).outcome).toBe('held');
    expect(judgeExpectation(cursorOverOffset, fast, slow, 0.95).outcome).toBe('contradicted');
  });
});

describe('a claim on a generator-bound side', () => {
  const calm = { generator: 0.3, generatorCores: 1, target: 0.9, targetCores: 1, generatorBound: false };
  const capped = { generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 1, generatorBound: true };
  const clearlyHeld = [rounds(1, 1.1, 0.9), rounds(3.1, 3.3, 2.8)] as const;
  const clearlyContradicted = [rounds(1, 1.1, 0.9), rounds(1.1, 1.2, 1.0)] as const;

  it('is not judged when the faster side is generator-bound, however clearly it would hold', () => {
    const verdict = judgeExpectation(cursorOverOffset, ...clearlyHeld, 0.95, { faster: capped, than: calm });
    expect(verdict).toMatchObject({ outcome: 'inconclusive', refused: 'generator-bound' });
    expect(verdict.times).toBeUndefined();
    expect(verdict.message).toBe(
      'expectation "cursor at least 1.50× faster than offset in p95" is not judged: cursor (load generator at 97% of its core, target at 41%) is generator-bound, so the figures measure the load generator, not the target (docs/verdicts.md#generator-bound)',
    );
  });

  it('is not judged when the other side is generator-bound, however clearly it would fail', () => {
    const verdict = judgeExpectation(cursorOverOffset, ...clearlyContradicted, 0.95, { faster: calm, than: capped });
    expect(verdict).toMatchObject({ outcome: 'inconclusive', refused: 'generator-bound' });
    expect(verdict.message).toContain('offset (load generator at 97% of its core, target at 41%) is generator-bound');
  });

  it('names both sides when both are generator-bound', () => {
    const verdict = judgeExpectation(cursorOverOffset, ...clearlyHeld, 0.95, { faster: capped, than: capped });
    expect(verdict.message).toMatch(/cursor \(.*\) and offset \(.*\) are generator-bound/);
  });

  it('is judged as ever when neither side is generator-bound or their shares were not counted', () => {
    expect(judgeExpectation(cursorOverOffset, ...clearlyHeld, 0.95, { faster: calm, than: calm }).outcome).toBe('held');
    expect(judgeExpectation(cursorOverOffset, ...clearlyHeld, 0.95, {}).refused).toBeUndefined();
  });
});
