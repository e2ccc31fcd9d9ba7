import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoadPhases, type PhasePlan } from './load-phases.ts';
import { summarizePhases } from './phase-results.ts';

const kinds = [{ name: 'GET /', isExpectedStatus: (status: number) => status === 200 }];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every 5 ms, a response sent `latency(sentMs)` ago, with the status `status(sentMs)` gives. */
function drive(
  phases: LoadPhases,
  untilMs: number,
  latency: (sentMs: number) => number,
  status: (sentMs: number) => number = () => 200,
  at?: Record<number, () => void>,
): void {
  for (let now = 5; now <= untilMs; now += 5) {
    vi.advanceTimersByTime(5);
    at?.[now]?.();
    const ms = latency(now);
    phases.recordResponse(0, status(now - ms), 10, ms);
  }
}

describe('LoadPhases', () => {
  it('gives each stage its own figures and measures how long latency takes to fall back after a spike', () => {
    const plan: PhasePlan = {
      stages: [
        { fromMs: 0, toMs: 1000, load: 10 },
        { fromMs: 1000, toMs: 2000, load: 100 },
        { fromMs: 2000, toMs: 4000, load: 10 },
      ],
      faults: [],
      totalMs: 4000,
      rule: { factor: 2, windows: 3 },
    };
    const phases = new LoadPhases(kinds, plan);
    // 2 ms before the spike, 30 ms during it and for 600 ms after it, then 2 ms again.
    drive(phases, 4000, (now) => (now > 1030 && now <= 2600 ? 30 : 2));
    const tally = phases.tally();
    expect(tally.referenceP95Ms).toBeCloseTo(2, 0);
    const summary = summarizePhases(
      [tally],
      [
        { duration: 1, connections: 10 },
        { duration: 1, connections: 100 },
        { duration: 2, connections: 10 },
      ],
      [],
      { errors: 0, attempts: 800 },
    );
    const [before, spike, after] = summary.stages!;
    expect(before!.latencyMs.p95).toBeCloseTo(2, 1);
    expect(spike!.latencyMs.p50).toBeCloseTo(30, 0);
    expect(before!.recovery).toBeUndefined();
    expect(after!.recovery).toBeUndefined();
    // Requests sent up to 2.6 s took 30 ms: back at 2.6 s, 0.6 s after the spike ended (to one window).
    expect(spike!.recovery!.seconds).toBeGreaterThanOrEqual(0.5);
    expect(spike!.recovery!.seconds).toBeLessThanOrEqual(0.7);
    expect(spike!.connections).toBe(100);
    // One request every 5 ms, by when it was sent (the slow ones near the edge were sent a little earlier).
    expect(spike!.requestsPerSecond).toBeGreaterThan(190);
    expect(spike!.requestsPerSecond).toBeLessThan(215);
    expect(summary.faults).toBeUndefined();
  });

  it('gives a fault the requests in flight during it, fast or slow errors, and the time to recover after it', () => {
    const plan: PhasePlan = {
      stages: [],
      faults: [{ name: 'postgres stopped' }],
      totalMs: 4000,
      rule: { factor: 2, windows: 3 },
    };
    const phases = new LoadPhases(kinds, plan);
    // The fault runs from 1 s to 2 s; requests sent then fail in 1 ms; a request sent 10 ms
    // before it fails because of it; answers sent from 2 s to 2.3 s are slow, then back to 2 ms.
    drive(
      phases,
      4000,
      (now) => (now === 1010 ? 20 : now > 1000 && now <= 2000 ? 1 : now > 2030 && now <= 2330 ? 25 : 2),
      (sent) => ((sent >= 995 && sent < 2000) || sent === 990 ? 500 : 200),
      { 1000: () => phases.faultStarted(0), 2000: () => phases.faultEnded(0) },
    );
    const tally = phases.tally();
    const summary = summarizePhases([tally], undefined, [{ name: 'postgres stopped', at: 1, duration: 1 }], {
      errors: tally.duringFaults.errors + 2,
      attempts: 800,
    });
    const [fault] = summary.faults!;
    expect(fault!.errors).toBe(201);
    expect(fault!.requests).toBe(201);
    expect(fault!.failedP95Ms).toBeLessThan(2);
    expect(fault!.actualSeconds).toBeCloseTo(1, 5);
    expect(fault!.recovery.seconds).toBeGreaterThanOrEqual(0.3);
    expect(fault!.recovery.seconds).toBeLessThanOrEqual(0.5);
    // The errors of the fault are left out of the rate the gate judges; the 2 others are not.
    expect(summary.duringFaults!.errors).toBe(201);
    expect(summary.duringFaults!.errorRateOutside).toBeCloseTo(2 / (800 - summary.duringFaults!.requests), 9);
  });

  it('says a fault did not recover when errors go on to the end of the load', () => {
    const plan: PhasePlan = {
      stages: [],
      faults: [{ name: 'upstream stalls' }],
      totalMs: 3000,
      rule: { factor: 2, windows: 3 },
    };
    const phases = new LoadPhases(kinds, plan);
    drive(
      phases,
      3000,
      () => 2,
      (sent) => (sent >= 1000 ? 503 : 200),
      { 1000: () => phases.faultStarted(0), 1500: () => phases.faultEnded(0) },
    );
    const summary = summarizePhases([phases.tally()], undefined, [{ name: 'upstream stalls', at: 1, duration: 0.5 }], {
      errors: 400,
      attempts: 600,
    });
    expect(summary.faults![0]!.recovery).toMatchObject({ seconds: null, rounds: [null] });
  });
});
