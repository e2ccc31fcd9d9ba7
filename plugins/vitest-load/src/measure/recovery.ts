/** One time window of a load, by when its requests were sent. */
export interface RecoveryWindow {
  /** Requests sent in the window that got an answer or failed. */
  requests: number;
  /** Of those, failures: unexpected statuses, refused or reset connections, timeouts. */
  errors: number;
  p95Ms: number;
}

/** How recovery is judged: a window is healthy when it had no errors and its p95 was within `factor` of the reference p95; recovered after `windows` healthy windows in a row. */
export interface RecoveryRule {
  factor: number;
  windows: number;
}

export interface RecoveryRuleInput {
  /** The latency to come back to: p95 before the load rose or the fault began. */
  referenceP95Ms: number;
  /** A window is back when its p95 is at most this many times the reference... */
  factor: number;
  /** ...or at most the reference plus this many ms, whichever is larger: sub-millisecond references jitter by more than any factor. */
  slackMs: number;
  /** Back for this many windows in a row: one calm window amid a storm is no recovery. */
  windows: number;
}

/** Absolute slack of the recovery rule: scheduling noise on a busy machine is of this order. */
export const RECOVERY_SLACK_MS = 1;

/**
 * The recovery rule. Windows are `windowMs` long and hold the requests *sent* in them (so a
 * window's p95 is the latency a user arriving then saw). From `fromMs` (when the raised stage
 * ended, or the fault did), the load has recovered at the start of the first window from which
 * `windows` windows in a row are healthy: at least one request, no errors, and p95 within
 * `factor` times the reference (or the reference plus `slackMs`). The recovery time is that
 * moment minus `fromMs`, 0 when the first whole window after `fromMs` already begins such a run;
 * its resolution is one window. Undefined when the load ends first: it did not recover.
 *
 * Why so: a single window's p95 at a fine grain is noisy, and requiring several calm windows in
 * a row keeps one lucky window from counting as recovered; counting errors keeps a target that
 * answers fast 500s from looking recovered; a factor rather than an exact level allows for the
 * noise of a busy machine.
 */
export function recoverySeconds(
  windows: RecoveryWindow[],
  windowMs: number,
  fromMs: number,
  rule: RecoveryRuleInput,
): number | undefined {
  const limitMs = Math.max(rule.referenceP95Ms * rule.factor, rule.referenceP95Ms + rule.slackMs);
  const healthy = (window: RecoveryWindow | undefined): boolean =>
    window !== undefined && window.requests > 0 && window.errors === 0 && window.p95Ms <= limitMs;
  const first = Math.ceil(fromMs / windowMs - 1e-9);
  let run = 0;
  for (let index = first; index < windows.length; index++) {
    run = healthy(windows[index]) ? run + 1 : 0;
    if (run === rule.windows) {
      const start = index - rule.windows + 1;
      return start === first ? 0 : (start * windowMs - fromMs) / 1000;
    }
  }
  return undefined;
}

/**
 * The recovery figure over rounds: the median round, so that one round disturbed by the
 * machine neither passes nor fails a gate alone. A round that did not recover counts as
 * endless; the median is undefined when at least half of them did not.
 */
export function medianRecovery(rounds: Array<number | undefined>): number | undefined {
  if (rounds.length === 0) return undefined;
  const sorted = rounds.map((seconds) => seconds ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Number.isFinite(median) ? median : undefined;
}

/**
 * Analysis window length from the base windows (`baseMs` each): long enough that the reference
 * period averaged `minRequests` requests per window (a p95 of fewer says little), at least
 * 100 ms and at most 1 s, in whole base windows.
 */
export function analysisWindowMs(
  referenceRequests: number,
  referenceMs: number,
  baseMs: number,
  minRequests = 20,
): number {
  const perMs = referenceMs > 0 ? referenceRequests / referenceMs : 0;
  const wanted = perMs > 0 ? minRequests / perMs : 1000;
  const clamped = Math.min(1000, Math.max(100, wanted));
  return Math.max(baseMs, Math.ceil(clamped / baseMs) * baseMs);
}
