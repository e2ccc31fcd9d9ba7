// GET /external's call to the upstream, shared so that every implementation waits on the same
// HTTP client (undici, over a pool of keep-alive connections) and maps failures alike:
// unreachable, a non-2xx answer or a body that is not a quote is a 502; too slow is a 504.
// The package's own file, not the bare 'undici': Bun answers that name with a built-in module whose
// Pool is a stub (request() returns nothing, close() is missing), and the lab compares runtimes on
// the same client. Node and Deno load this very file for 'undici' anyway (its package "main").
import { Pool } from 'undici/index.js';
import type { AppOptions } from './app-options.js';
import { errorMessages, HttpError } from '@lab/contract';
import { upstreamQuoteSchema } from '@lab/contract';
import type { ExternalResponse, UpstreamQuote } from '@lab/contract';
import { createAjv } from '@lab/contract';

export interface UpstreamClient {
  /** Asks the upstream for a quote, waiting `delayMs` there (the upstream's default if undefined). */
  quote(delayMs: number | undefined): Promise<ExternalResponse>;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

type UpstreamClientOptions = Pick<AppOptions, 'upstreamUrl' | 'upstreamTimeoutMs' | 'upstreamConnections'>;

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const base = new URL(options.upstreamUrl);
  // One origin, so a Pool rather than an Agent: no per-request lookup of the origin's pool.
  const pool = new Pool(base.origin, { connections: options.upstreamConnections });
  const quotePath = `${base.pathname.replace(/\/+$/, '')}/quote`;
  const isQuote = createAjv().compile<UpstreamQuote>(upstreamQuoteSchema);

  /** The 2xx body's text; any failure on the way is the contract's 502 or 504. */
  async function fetchText(path: string): Promise<string> {
    // A deadline for the whole exchange (waiting for a pooled connection included), cleared
    // when it is done, so finished calls leave no timers behind under load.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), options.upstreamTimeoutMs);
    try {
      const { statusCode, body } = await pool.request({ method: 'GET', path, signal: deadline.signal });
      if (statusCode < 200 || statusCode > 299) {
        await body.dump();
        throw new HttpError(502, errorMessages.upstreamStatus(statusCode));
      }
      return await body.text();
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (deadline.signal.aborted) throw new HttpError(504, errorMessages.upstreamTimeout(options.upstreamTimeoutMs));
      throw new HttpError(502, errorMessages.upstreamUnreachable);
    } finally {
      clearTimeout(timer);
    }
  }

  function parseQuote(text: string): UpstreamQuote {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(502, errorMessages.upstreamInvalidBody);
    }
    if (!isQuote(body)) throw new HttpError(502, errorMessages.upstreamInvalidBody);
    return body;
  }

  return {
    async quote(delayMs) {
      const path = delayMs === undefined ? quotePath : `${quotePath}?delayMs=${delayMs}`;
      const started = performance.now();
      const text = await fetchText(path);
      const upstreamMs = performance.now() - started;
      return { upstream: parseQuote(text), upstreamMs };
    },
    close: () => pool.close(),
  };
}
