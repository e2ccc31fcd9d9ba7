import type { MeasuredKind, ResponseRecorder } from './measurement.ts';
import { BucketedLatencies } from './latency-distribution.ts';
import { COARSE_SCALE, FINE_SCALE } from './log-buckets.ts';
import { analysisWindowMs, RECOVERY_SLACK_MS, recoverySeconds, type RecoveryWindow } from './recovery.ts';

/** What a load's phases are: its stages and faults as planned, in ms from the start of the measured load. */
export interface PhasePlan {
  /** Each stage's span and its load (rate or connections), in order; empty for an unstaged load. */
  stages: Array<{ fromMs: number; toMs: number; load: number }>;
  faults: Array<{ name: string }>;
  totalMs: number;
  rule: { factor: number; windows: number };
}

/** Requests of one stage (or one fault), counted so that rounds add up. */
export interface PhaseCounts {
  /** Requests that got an answer or failed. */
  attempts: number;
  /** Answered requests. */
  responses: number;
  errors: number;
  /** Latency of the answered requests (FINE_SCALE). */
  latency: BucketedLatencies;
  /** Latency of the failed requests, answered or not (FINE_SCALE): how fast errors came. */
  failedLatency: BucketedLatencies;
}

/** One round's phases: counts per stage and fault, the faults' real spans, and its recoveries. */
export interface PhaseTally {
  stages: PhaseCounts[];
  faults: Array<
    PhaseCounts & { startedMs: number | undefined; endedMs: number | undefined; recoverySeconds: number | undefined }
  >;
  /** Requests in flight during any fault, and their failures: expected, so not judged by `maxErrorRate`. */
  duringFaults: { attempts: number; errors: number };
  /** Recovery after each stage that the load fell from, by the stage's index. */
  stageRecoveries: Map<number, number | undefined>;
  referenceP95Ms: number;
}

/** Base time window: fine enough for recovery to a tenth of a second; analysis windows are whole multiples. */
const BASE_WINDOW_MS = 50;

export const newPhaseCounts = (): PhaseCounts => ({
  attempts: 0,
  responses: 0,
  errors: 0,
  latency: new BucketedLatencies(FINE_SCALE),
  failedLatency: new BucketedLatencies(FINE_SCALE),
});

/**
 * Places every request of one measured round in time by when it was *sent* (its completion
 * minus its latency, which in the open model counts from its scheduled time): per stage, per
 * fault and per 50 ms window, for per-stage figures, fault figures and recovery times. A fault
 * counts the requests in flight at any moment of it, so one sent just before the fault and
 * failing because of it is the fault's. A few additions and one short loop per request.
 */
export class LoadPhases implements ResponseRecorder {
  private readonly startedAt = performance.now();
  private readonly stageCounts: PhaseCounts[];
  private readonly faultCounts: PhaseCounts[];
  private readonly faultSpans: Array<{ startedMs: number | undefined; endedMs: number | undefined }>;
  private readonly during = { attempts: 0, errors: 0 };
  private readonly windowRequests: number[] = [];
  private readonly windowErrors: number[] = [];
  private readonly windowLatency: BucketedLatencies[] = [];
  private recorded = 0;

  constructor(
    private readonly kinds: MeasuredKind[],
    private readonly plan: PhasePlan,
  ) {
    this.stageCounts = plan.stages.map(newPhaseCounts);
    this.faultCounts = plan.faults.map(newPhaseCounts);
    this.faultSpans = plan.faults.map(() => ({ startedMs: undefined, endedMs: undefined }));
  }

  get responses(): number {
    return this.recorded;
  }

  /** The fault began now (its start was called). */
  faultStarted(index: number): void {
    this.faultSpans[index]!.startedMs = performance.now() - this.startedAt;
  }

  /** The fault is over now (its end has returned: the service answers again). */
  faultEnded(index: number): void {
    this.faultSpans[index]!.endedMs = performance.now() - this.startedAt;
  }

  recordResponse(kind: number, status: number, _bytes: number, latencyMs: number): void {
    this.recorded++;
    this.place(latencyMs, !this.kinds[kind]!.isExpectedStatus(status), true);
  }

  recordFailure(latencyMs: number): void {
    this.place(latencyMs, true, false);
  }

  private place(latencyMs: number, failed: boolean, answered: boolean): void {
    const nowMs = performance.now() - this.startedAt;
    const sentMs = Math.max(0, nowMs - latencyMs);
    const window = Math.floor(sentMs / BASE_WINDOW_MS);
    while (this.windowRequests.length <= window) {
      this.windowRequests.push(0);
      this.windowErrors.push(0);
      this.windowLatency.push(new BucketedLatencies(COARSE_SCALE));
    }
    this.windowRequests[window]!++;
    if (failed) this.windowErrors[window]!++;
    if (answered) this.windowLatency[window]!.recordMs(latencyMs);
    const stages = this.plan.stages;
    for (let index = 0; index < stages.length; index++) {
      if (sentMs < stages[index]!.toMs || index === stages.length - 1) {
        count(this.stageCounts[index]!, latencyMs, failed, answered);
        break;
      }
    }
    let inFault = false;
    for (let index = 0; index < this.faultSpans.length; index++) {
      const span = this.faultSpans[index]!;
      if (
        span.startedMs !== undefined &&
        nowMs >= span.startedMs &&
        (span.endedMs === undefined || sentMs < span.endedMs)
      ) {
        count(this.faultCounts[index]!, latencyMs, failed, answered);
        inFault = true;
      }
    }
    if (inFault) {
      this.during.attempts++;
      if (failed) this.during.errors++;
    }
  }

  /** The round's counts and recoveries. */
  tally(): PhaseTally {
    const { plan } = this;
    const firstFault = this.faultSpans.reduce(
      (earliest, span) => Math.min(earliest, span.startedMs ?? Number.POSITIVE_INFINITY),
      Number.POSITIVE_INFINITY,
    );
    // The level to come back to: p95 of the requests sent before the load first rose or the first fault began.
    const referenceEndMs = Math.min(plan.stages[0]?.toMs ?? plan.totalMs, firstFault, plan.totalMs);
    const referenceBase = Math.max(1, Math.floor(referenceEndMs / BASE_WINDOW_MS));
    const reference = new BucketedLatencies(COARSE_SCALE);
    let referenceRequests = 0;
    for (let index = 0; index < Math.min(referenceBase, this.windowLatency.length); index++) {
      reference.add(this.windowLatency[index]!);
      referenceRequests += this.windowRequests[index]!;
    }
    const referenceP95Ms = reference.percentileMs(95);
    const windowMs = analysisWindowMs(referenceRequests, referenceBase * BASE_WINDOW_MS, BASE_WINDOW_MS);
    const windows = this.analysisWindows(windowMs);
    const rule = { referenceP95Ms, factor: plan.rule.factor, windows: plan.rule.windows, slackMs: RECOVERY_SLACK_MS };

    const stageRecoveries = new Map<number, number | undefined>();
    plan.stages.forEach((stage, index) => {
      const next = plan.stages[index + 1];
      if (next && next.load < stage.load)
        stageRecoveries.set(index, recoverySeconds(windows, windowMs, stage.toMs, rule));
    });
    return {
      stages: this.stageCounts,
      faults: this.faultCounts.map((counts, index) => {
        const span = this.faultSpans[index]!;
        return {
          ...counts,
          ...span,
          recoverySeconds:
            span.endedMs === undefined ? undefined : recoverySeconds(windows, windowMs, span.endedMs, rule),
        };
      }),
      duringFaults: { ...this.during },
      stageRecoveries,
      referenceP95Ms,
    };
  }

  /** Base windows merged into analysis windows of `windowMs`; only whole windows within the load. */
  private analysisWindows(windowMs: number): RecoveryWindow[] {
    const perWindow = windowMs / BASE_WINDOW_MS;
    const whole = Math.floor(this.plan.totalMs / windowMs);
    const windows: RecoveryWindow[] = [];
    for (let index = 0; index < whole; index++) {
      const latency = new BucketedLatencies(COARSE_SCALE);
      let requests = 0;
      let errors = 0;
      for (let base = index * perWindow; base < (index + 1) * perWindow && base < this.windowRequests.length; base++) {
        requests += this.windowRequests[base]!;
        errors += this.windowErrors[base]!;
        latency.add(this.windowLatency[base]!);
      }
      windows.push({ requests, errors, p95Ms: latency.percentileMs(95) });
    }
    return windows;
  }
}

function count(counts: PhaseCounts, latencyMs: number, failed: boolean, answered: boolean): void {
  counts.attempts++;
  if (answered) {
    counts.responses++;
    counts.latency.recordMs(latencyMs);
  }
  if (failed) {
    counts.errors++;
    counts.failedLatency.recordMs(latencyMs);
  }
}
