import { describe, expect, it } from 'vitest';
import { parseDurationSeconds, parseFraction } from './duration.ts';

describe('parseDurationSeconds', () => {
  it('reads numbers as seconds and strings with ms, s or m units', () => {
    expect(parseDurationSeconds(2)).toBe(2);
    expect(parseDurationSeconds('500ms')).toBe(0.5);
    expect(parseDurationSeconds('3s')).toBe(3);
    expect(parseDurationSeconds('1.5m')).toBe(90);
    expect(parseDurationSeconds('4')).toBe(4);
  });

  it('rejects negative, non-finite and unit-less garbage', () => {
    expect(parseDurationSeconds(-1)).toBeUndefined();
    expect(parseDurationSeconds(Number.NaN)).toBeUndefined();
    expect(parseDurationSeconds('three seconds')).toBeUndefined();
    expect(parseDurationSeconds('5h')).toBeUndefined();
  });
});

describe('parseFraction', () => {
  it('reads fractions and percentages alike', () => {
    expect(parseFraction(0.1)).toBe(0.1);
    expect(parseFraction('10%')).toBeCloseTo(0.1);
    expect(parseFraction('2.5 %')).toBeCloseTo(0.025);
  });

  it('rejects a percentage without its sign and negative numbers', () => {
    expect(parseFraction('10')).toBeUndefined();
    expect(parseFraction(-0.1)).toBeUndefined();
  });
});
