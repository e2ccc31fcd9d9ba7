import { describe, expect, it } from 'vitest';
import { pairedChangeInterval } from './change-interval.ts';
import { detectableChange } from './detectable-change.ts';

describe('detectableChange', () => {
  it('is the noise floor alone when the rounds do not spread at all', () => {
    const interval = pairedChangeInterval([1, 1, 1], [1.2, 1.2, 1.2], 0.95)!;
    expect(detectableChange(interval, 0.03)).toBeCloseTo(0.03, 10);
  });

  it('shrinks as rounds with the same spread are added', () => {
    const ratios = [1.05, 0.97, 1.02, 0.99, 1.04, 0.96, 1.01, 0.98, 1.03, 1.0];
    const detectableWith = (rounds: number) =>
      detectableChange(pairedChangeInterval(Array(rounds).fill(1), ratios.slice(0, rounds), 0.95)!, 0.03);
    expect(detectableWith(4)).toBeGreaterThan(detectableWith(10));
    expect(detectableWith(10)).toBeGreaterThan(0.03);
  });

  it('is detected about 80% of the time by the rule it describes (simulated rounds)', () => {
    // Normal log-ratios with sd 0.05, five pairs: find the detectable size from one sample's
    // spread, then check how often a true rise of that size gives a low bound above the floor.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
    const sample = (shift: number) => Array.from({ length: 5 }, () => Math.exp(shift + 0.05 * normal()));
    let detected = 0;
    const trials = 2000;
    const size = detectableChange(
      pairedChangeInterval(
        [1, 1, 1, 1, 1],
        [1.05, 0.95, 1.0, 1.05, 0.95].map((x) => x),
        0.95,
      )!,
      0.03,
    );
    for (let trial = 0; trial < trials; trial++) {
      const interval = pairedChangeInterval([1, 1, 1, 1, 1], sample(Math.log1p(size)), 0.95)!;
      if (interval.low > 0.03) detected++;
    }
    // The spread of [1.05, 0.95, 1, 1.05, 0.95] is about sd 0.05: the rate is near 80%, not 50% or 99%.
    expect(detected / trials).toBeGreaterThan(0.6);
    expect(detected / trials).toBeLessThan(0.95);
  });
});
