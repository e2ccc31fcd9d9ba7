// GET /external/breaker's call to the upstream, through a circuit breaker (opossum): once half of
// the recent calls have failed (a 502, or a 504 because the upstream stalled), the circuit opens
// and requests are answered 503 at once, without waiting on the upstream, for BREAKER_RESET_MS.
// Then one call is let through (half-open): if it succeeds the circuit closes again, if not it
// stays open for another period. Shared, like the upstream client it wraps, so that both
// implementations break alike.
import CircuitBreaker from 'opossum';
import type { AppOptions } from '../app-options.js';
import { HttpError } from '@lab/contract';
import type { ExternalResponse } from '@lab/contract';
import type { UpstreamClient } from '../upstream-client.js';
import type { FromSchema } from 'json-schema-to-ts';
import { BreakerState } from '@lab/contract/openapi';

/**
 * When the circuit opens: at least `volumeThreshold` calls in the last `rollingCountTimeout` ms, of
 * which more than `errorThresholdPercentage` % failed. A window of one second (opossum's default
 * is ten) so that a service serving thousands of requests a second notices a failing upstream
 * within a second, not after ten seconds' worth of earlier successes have aged out. The call's
 * own deadline is the upstream client's (UPSTREAM_TIMEOUT_MS), so the breaker keeps no timer of
 * its own (`timeout: false`).
 */
export const breakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  rollingCountTimeout: 1000,
  rollingCountBuckets: 10,
} as const;

export const breakerStates = ['closed', 'open', 'half-open'] as const;
export type BreakerState = (typeof breakerStates)[number];

/** GET /external/breaker/state: where the circuit is and what it has counted in its window. */
export const breakerStateSchema = BreakerState;
export type BreakerStateResponse = FromSchema<typeof breakerStateSchema>;

export const breakerMessages = {
  open: (resetMs: number) => `upstream circuit is open after repeated failures: not called for up to ${resetMs} ms`,
} as const;

export interface UpstreamBreaker {
  /** The upstream's quote, or the client's 502/504, or a 503 at once while the circuit is open. */
  quote(delayMs: number | undefined): Promise<ExternalResponse>;
  state(): BreakerStateResponse;
  /** Stops the breaker's timers; the upstream client is closed by its owner. */
  shutdown(): void;
}

export function createUpstreamBreaker(
  upstream: UpstreamClient,
  { breakerResetMs }: Pick<AppOptions, 'breakerResetMs'>,
): UpstreamBreaker {
  const breaker = new CircuitBreaker((delayMs: number | undefined) => upstream.quote(delayMs), {
    ...breakerSettings,
    timeout: false,
    resetTimeout: breakerResetMs,
    // A 4xx is the caller's fault, not the upstream's: it does not count towards opening.
    errorFilter: (error: unknown) => error instanceof HttpError && error.statusCode < 500,
  });
  const retryAfter = String(Math.ceil(breakerResetMs / 1000));

  return {
    async quote(delayMs) {
      try {
        return await breaker.fire(delayMs);
      } catch (error) {
        // Rejected without a call: the circuit is open, or half-open with its one trial call under way.
        if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
          throw new HttpError(503, breakerMessages.open(breakerResetMs), { 'retry-after': retryAfter });
        }
        throw error;
      }
    },
    state() {
      const { fires, rejects, failures } = breaker.stats;
      const state: BreakerState = breaker.halfOpen ? 'half-open' : breaker.opened ? 'open' : 'closed';
      return { state, resetMs: breakerResetMs, calls: fires - rejects, failures, rejected: rejects };
    },
    shutdown: () => breaker.shutdown(),
  };
}
