import { describe, expect, it } from 'vitest';
import { formatRecovery, phaseLines } from './phase-lines.ts';

describe('phaseLines', () => {
  it('gives a line per stage, with the recovery after the one the load fell from', () => {
    const lines = phaseLines({
      stages: [
        {
          durationSeconds: 2,
          rate: 100,
          requests: 200,
          requestsPerSecond: 100,
          errors: 0,
          errorRate: 0,
          latencyMs: { p50: 1, p95: 2, p99: 3 },
        },
        {
          durationSeconds: 2,
          rate: 1000,
          requests: 2000,
          requestsPerSecond: 1000,
          errors: 4,
          errorRate: 0.002,
          latencyMs: { p50: 10, p95: 20, p99: 30 },
          recovery: { seconds: 1.25, rounds: [1.25], referenceP95Ms: 2 },
        },
      ],
    });
    expect(lines).toEqual([
      'stage 1 (100 req/s, 2 s): p50 1.000 ms · p95 2.000 ms · p99 3.000 ms, 100 req/s, errors 0',
      'stage 2 (1000 req/s, 2 s): p50 10.0 ms · p95 20.0 ms · p99 30.0 ms, 1,000 req/s, errors 4; recovery after it: 1.25 s (back to p95 ≈ 2.000 ms)',
    ]);
  });

  it('gives a line per fault: its requests, errors, how fast they failed and the recovery', () => {
    const [line] = phaseLines({
      faults: [
        {
          name: 'redis stopped',
          atSeconds: 1,
          durationSeconds: 1,
          actualSeconds: 1.2,
          requests: 1200,
          errors: 0,
          errorRate: 0,
          failedP95Ms: null,
          recovery: { seconds: 0, rounds: [0, 0.1, 0], referenceP95Ms: 2 },
        },
      ],
    });
    expect(line).toBe(
      'fault "redis stopped" at 1 s for 1 s (lasted 1.20 s): 1,200 requests, 0 errors (0.0%), failed p95 –; recovery after it: 0.00 s (rounds: 0.00 s, 0.10 s, 0.00 s) (back to p95 ≈ 2.000 ms)',
    );
  });

  it('says when a recovery did not come within the load', () => {
    expect(formatRecovery({ seconds: null, rounds: [null], referenceP95Ms: 1 })).toBe('not within the load');
  });
});
