import { describe, expect, it } from 'vitest';
import { emptyCounters } from '../load/load-counters.ts';
import { summarizeLoad } from './load-result.ts';

const latency = { p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, min: 0.5, mean: 1.2 };

describe('summarizeLoad', () => {
  it('turns counts into rates over the measured time', () => {
    const result = summarizeLoad(latency, { ...emptyCounters(), responses: 1000, bytes: 50_000, statusCodes: { 200: 1000 }, elapsedSeconds: 2 });
    expect(result.requestsPerSecond).toBe(500);
    expect(result.bytesPerSecond).toBe(25_000);
    expect(result.errorRate).toBe(0);
  });

  it('counts unexpected statuses and transport errors as failed requests', () => {
    const result = summarizeLoad(latency, {
      ...emptyCounters(),
      responses: 90,
      unexpectedStatuses: 10,
      transportErrors: 10,
      timeouts: 4,
      statusCodes: { 200: 80, 500: 10 },
      elapsedSeconds: 1,
    });
    expect(result.errors).toBe(20);
    expect(result.timeouts).toBe(4);
    expect(result.errorRate).toBeCloseTo(20 / 100);
  });
});
