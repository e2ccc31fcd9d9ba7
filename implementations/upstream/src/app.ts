// A stand-in for a slow third-party API (scenario 05): GET /quote answers after the delay it is
// asked for, waiting on a timer so that any number of requests can wait at once, as a real
// remote service would let them.
import {
  createQueryAjv,
  errorMessages,
  errorResponse,
  formatSchemaErrors,
  maxUpstreamDelayMs,
  upstreamQuerySchema,
  type ExternalQuery,
  type HealthResponse,
  type UpstreamQuote,
} from '@lab/contract';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

export interface UpstreamOptions {
  /** How long GET /quote waits when not told (UPSTREAM_DELAY_MS). */
  defaultDelayMs: number;
}

const defaultDelayMs = 50;
/** UPSTREAM_DELAY_MS, an integer from 0 to the contract's maximum delay; 50 when unset. */
export function readUpstreamOptions(env: NodeJS.ProcessEnv): UpstreamOptions {
  const raw = env['UPSTREAM_DELAY_MS'];
  if (raw === undefined || raw === '') return { defaultDelayMs };
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > maxUpstreamDelayMs) {
    throw new Error(`UPSTREAM_DELAY_MS must be an integer from 0 to ${maxUpstreamDelayMs}, got "${raw}"`);
  }
  return { defaultDelayMs: value };
}

const validateQuery = createQueryAjv().compile<ExternalQuery>(upstreamQuerySchema);

function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function quote(delayMs: number): UpstreamQuote {
  return { delayMs, quote: { symbol: 'LAB', price: 123.45, currency: 'EUR' } };
}

function answerAfter(res: ServerResponse, delayMs: number): void {
  const timer = setTimeout(() => sendJson(res, 200, quote(delayMs)), delayMs);
  // A caller that gives up (a client timeout) must not leave its timer running.
  res.once('close', () => clearTimeout(timer));
}

function handle(options: UpstreamOptions, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);

  if (req.method === 'GET' && path === '/health') {
    sendJson(res, 200, { status: 'ok' } satisfies HealthResponse);
  } else if (req.method === 'GET' && path === '/quote') {
    const query: unknown = parseQuery(queryStart === -1 ? '' : url.slice(queryStart + 1));
    if (validateQuery(query)) {
      answerAfter(res, query.delayMs ?? options.defaultDelayMs);
    } else {
      sendJson(res, 400, errorResponse(400, formatSchemaErrors(validateQuery.errors ?? [], 'querystring')));
    }
  } else {
    sendJson(res, 404, errorResponse(404, errorMessages.routeNotFound(req.method ?? 'GET', url)));
  }
}

/** The upstream server, not yet listening. Options not given are read from the environment. */
export function createUpstreamServer(options: Partial<UpstreamOptions> = {}): Server {
  const resolved = { ...readUpstreamOptions(process.env), ...options };
  const server = createServer((req, res) => handle(resolved, req, res));
  // Keep-alive is Node's default; a long idle timeout lets the callers' pools (undici closes an
  // idle connection a little before the timeout the server announces) reuse their connections
  // rather than reconnect between bursts.
  server.keepAliveTimeout = 60_000;
  return server;
}
