import type { LoadOutcome, ResponseRecorder } from '../../measure/measurement.ts';
import { kindOfUrl } from './vegeta-targets.ts';

/** One request as `vegeta encode -to json` writes it (the fields the plugin reads). */
export interface VegetaRecord {
  /** The request's kind in the mix, from its target URL's fragment. */
  kind: number;
  /** The HTTP status; 0 when no response came (refused, reset, timed out). */
  status: number;
  /** From vegeta's start of the request to the end of its response, in milliseconds. */
  latencyMs: number;
  /** The response body's length from its Content-Length (vegeta is told not to keep bodies). */
  bytes: number;
  /** When vegeta started the request, in milliseconds since the epoch. */
  startedAtMs: number;
  /** Vegeta's error text: a transport error, or the status line of a non-2xx/3xx response. */
  error: string;
}

interface RawRecord {
  code?: unknown;
  timestamp?: unknown;
  latency?: unknown;
  error?: unknown;
  url?: unknown;
  headers?: Record<string, unknown> | null;
}

function contentLength(headers: RawRecord['headers']): number {
  if (!headers) return 0;
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-length') continue;
    const value = Number(Array.isArray(values) ? values[0] : values);
    return Number.isFinite(value) ? value : 0;
  }
  return 0;
}

/**
 * One line of `vegeta encode -to json` as a record; `where` names the line in the error for a
 * malformed one. `fallbackKind` is the kind of a result whose URL has no kind fragment (results
 * of targets the plugin did not write); without it such a result is an error.
 */
export function parseVegetaRecord(line: string, where: string, fallbackKind?: number): VegetaRecord {
  let raw: RawRecord;
  try {
    raw = JSON.parse(line) as RawRecord;
  } catch {
    throw new Error(`${where}: not a JSON result of vegeta encode: ${line.slice(0, 120)}`);
  }
  const kind = (typeof raw.url === 'string' ? kindOfUrl(raw.url) : undefined) ?? fallbackKind;
  const startedAtMs = typeof raw.timestamp === 'string' ? Date.parse(raw.timestamp) : Number.NaN;
  if (
    kind === undefined ||
    typeof raw.code !== 'number' ||
    typeof raw.latency !== 'number' ||
    Number.isNaN(startedAtMs)
  )
    throw new Error(
      `${where}: a vegeta result needs "code", "latency", "timestamp" and a "url" from the plugin's targets (with its #vitest-load-kind fragment): ${line.slice(0, 120)}`,
    );
  return {
    kind,
    status: raw.code,
    latencyMs: raw.latency / 1e6,
    bytes: contentLength(raw.headers),
    startedAtMs,
    error: typeof raw.error === 'string' ? raw.error : '',
  };
}

/** Go's net/http says a request outlived its client's timeout in these words. */
const isTimeout = (error: string): boolean =>
  /Client\.Timeout exceeded|timeout awaiting|deadline exceeded/i.test(error);

/**
 * Records vegeta's results into a recorder as the built-in engine does (a response with its
 * status, bytes and latency; a request without one as a failure) and adds up the load's outcome.
 */
export class VegetaTally {
  private sent = 0;
  private transportErrors = 0;
  private timeouts = 0;
  private firstStartMs = Number.POSITIVE_INFINITY;
  private lastEndMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly recorder: ResponseRecorder | undefined) {}

  record(record: VegetaRecord): void {
    this.sent++;
    this.firstStartMs = Math.min(this.firstStartMs, record.startedAtMs);
    this.lastEndMs = Math.max(this.lastEndMs, record.startedAtMs + record.latencyMs);
    if (record.status === 0) {
      this.transportErrors++;
      if (isTimeout(record.error)) this.timeouts++;
      this.recorder?.recordFailure?.(record.latencyMs);
      return;
    }
    this.recorder?.recordResponse(record.kind, record.status, record.bytes, record.latencyMs);
  }

  /**
   * The outcome: the load lasted from its first request's start to its last response's end (not
   * the process's life, whose start-up is no load), `fallbackSeconds` when nothing was sent.
   */
  outcome(fallbackSeconds: number): LoadOutcome {
    const spanSeconds = (this.lastEndMs - this.firstStartMs) / 1000;
    return {
      elapsedSeconds: this.sent > 0 && spanSeconds > 0 ? spanSeconds : fallbackSeconds,
      sent: this.sent,
      transportErrors: this.transportErrors,
      timeouts: this.timeouts,
    };
  }
}
