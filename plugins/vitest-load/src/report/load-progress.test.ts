import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportProgress } from './load-progress.ts';

describe('reportProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says how far a long load is and its current rate, once per interval', () => {
    const lines: string[] = [];
    let responses = 0;
    const stop = reportProgress(
      'soak × fastify',
      60,
      () => responses,
      (line) => lines.push(line),
      5,
    );
    responses = 50_000;
    vi.advanceTimersByTime(5000);
    responses = 60_000;
    vi.advanceTimersByTime(5000);
    stop();
    vi.advanceTimersByTime(20_000);
    expect(lines).toEqual(['soak × fastify: 5 s of 60 s, 10,000 req/s', 'soak × fastify: 10 s of 60 s, 2,000 req/s']);
  });

  it('stays quiet for a load too short to need it', () => {
    const lines: string[] = [];
    reportProgress(
      'health × fastify',
      5,
      () => 0,
      (line) => lines.push(line),
      1,
    );
    vi.advanceTimersByTime(10_000);
    expect(lines).toEqual([]);
  });
});
