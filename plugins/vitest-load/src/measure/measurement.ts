import { LatencyHistogram } from './latency-histogram.ts';
import type { LoadDetails } from './load-details.ts';
import type { LoadResult, RequestKindResult } from './load-result.ts';
import { Timeline } from './timeline.ts';

/** A kind of request as the measurement sees it. */
export interface MeasuredKind {
  name: string;
  isExpectedStatus: (status: number) => boolean;
}

interface KindTally {
  responses: number;
  unexpected: number;
  statusCodes: Record<string, number>;
  histogram: LatencyHistogram | undefined;
}

/** Where a load generator puts each response. */
export interface ResponseRecorder {
  recordResponse(kind: number, status: number, bytes: number, latencyMs: number): void;
  /**
   * A request that got no response (refused, reset, timed out, dropped), `latencyMs` after it
   * was sent (or scheduled); only recorders that place requests in time want it: the outcome
   * counts these for the totals.
   */
  recordFailure?(latencyMs: number): void;
  /** Responses recorded so far, for progress reports. */
  readonly responses: number;
}

/** Records into several recorders at once: a round's own measurement and the figures pooled over all rounds. */
export function recordInto(...recorders: ResponseRecorder[]): ResponseRecorder {
  const [first] = recorders;
  const failureRecorders = recorders.filter((recorder) => recorder.recordFailure !== undefined);
  return {
    recordResponse(kind, status, bytes, latencyMs) {
      for (const recorder of recorders) recorder.recordResponse(kind, status, bytes, latencyMs);
    },
    ...(failureRecorders.length > 0
      ? {
          recordFailure(latencyMs: number) {
            for (const recorder of failureRecorders) recorder.recordFailure!(latencyMs);
          },
        }
      : {}),
    get responses() {
      return first?.responses ?? 0;
    },
  };
}

/** What the load generator reports once a load is over. */
export interface LoadOutcome {
  elapsedSeconds: number;
  /** Requests written to a connection. */
  sent: number;
  /** Refused or reset connections and timeouts; they cannot be told apart by request kind. */
  transportErrors: number;
  timeouts: number;
  /** Open model only: requests the generator sent late, past its timers' slack (load/open-model.ts). */
  lateSends?: number;
}

/**
 * Tallies every response of a measured load: latency into histograms (overall, and per kind
 * when there is more than one), bytes and status codes. Called once per response, so it does
 * no more than a few additions and a histogram record.
 */
export class Measurement implements ResponseRecorder {
  private readonly overall = new LatencyHistogram();
  private readonly tallies: KindTally[];
  private readonly timeline: Timeline | undefined;
  private bytes = 0;

  /** `expectedSeconds` turns on the timeline for reports; a warm-up goes without. */
  constructor(
    private readonly kinds: MeasuredKind[],
    expectedSeconds?: number,
  ) {
    this.timeline = expectedSeconds === undefined ? undefined : new Timeline(expectedSeconds);
    this.tallies = kinds.map(() => ({
      responses: 0,
      unexpected: 0,
      statusCodes: {},
      histogram: kinds.length > 1 ? new LatencyHistogram() : undefined,
    }));
  }

  /** Responses recorded so far, for progress reports. */
  get responses(): number {
    let total = 0;
    for (const tally of this.tallies) total += tally.responses;
    return total;
  }

  recordResponse(kind: number, status: number, bytes: number, latencyMs: number): void {
    const tally = this.tallies[kind]!;
    tally.responses++;
    tally.statusCodes[status] = (tally.statusCodes[status] ?? 0) + 1;
    const unexpected = !this.kinds[kind]!.isExpectedStatus(status);
    if (unexpected) tally.unexpected++;
    this.bytes += bytes;
    this.overall.recordMs(latencyMs);
    tally.histogram?.recordMs(latencyMs);
    this.timeline?.record(latencyMs, unexpected);
  }

  summarize(outcome: LoadOutcome): LoadResult {
    const responses = sum(this.tallies.map((tally) => tally.responses));
    const unexpected = sum(this.tallies.map((tally) => tally.unexpected));
    const errors = unexpected + outcome.transportErrors;
    const attempts = responses + outcome.transportErrors;
    const seconds = outcome.elapsedSeconds > 0 ? outcome.elapsedSeconds : 1;
    const statusCodes: Record<string, number> = {};
    for (const tally of this.tallies) {
      for (const [code, count] of Object.entries(tally.statusCodes))
        statusCodes[code] = (statusCodes[code] ?? 0) + count;
    }
    const result: LoadResult = {
      latencyMs: this.overall.percentiles(),
      requests: responses,
      requestsPerSecond: responses / seconds,
      bytesPerSecond: this.bytes / seconds,
      errors,
      timeouts: outcome.timeouts,
      errorRate: attempts === 0 ? 0 : errors / attempts,
      statusCodes,
      durationSeconds: outcome.elapsedSeconds,
      unanswered: Math.max(0, outcome.sent - responses - outcome.transportErrors),
    };
    if (this.kinds.length > 1) {
      result.byRequest = Object.fromEntries(
        this.kinds.map((kind, index) => [kind.name, this.kindResult(this.tallies[index]!)]),
      );
    }
    return result;
  }

  /** The timeline and distribution for reports; empty when the timeline was off. */
  details(): Pick<LoadDetails, 'timeline' | 'latencyCurve' | 'latencyHistogram'> {
    return this.timeline?.details(this.overall) ?? { timeline: [], latencyCurve: [], latencyHistogram: [] };
  }

  /** Frees the histograms. */
  destroy(): void {
    this.overall.destroy();
    for (const tally of this.tallies) tally.histogram?.destroy();
  }

  private kindResult(tally: KindTally): RequestKindResult {
    return {
      requests: tally.responses,
      errors: tally.unexpected,
      errorRate: tally.responses === 0 ? 0 : tally.unexpected / tally.responses,
      latencyMs: tally.histogram!.percentiles(),
      statusCodes: { ...tally.statusCodes },
    };
  }
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
