// A stand-in for a slow third-party API (scenario 05): GET /quote answers after the delay it is
// asked for, waiting on a timer so that any number of requests can wait at once, as a real
// remote service would let them. POST /control makes it fail or stall on command (the flash
// sale's circuit breaker scenario), GET /control says which mode is in force.
import {
  createAjv,
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
import {
  upstreamControlMessages,
  upstreamControlRequestSchema,
  type UpstreamControl,
  type UpstreamControlRequest,
} from '@lab/node-backend';
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
const validateControl = createAjv().compile<UpstreamControlRequest>(upstreamControlRequestSchema);
/** A control body is a few bytes; anything much larger is not one. */
const maxControlBytes = 1024;

function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
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

/** The control a POST /control body asks for, or the contract's 400 message saying what is wrong. */
function readControl(text: string): UpstreamControl | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorMessages.invalidJson;
  }
  if (!validateControl(body)) return formatSchemaErrors(validateControl.errors ?? [], 'body');
  if (body.mode !== 'stall' && body.stallMs !== undefined) return upstreamControlMessages.stallMsWithoutStall;
  return { mode: body.mode, stallMs: body.mode === 'stall' ? (body.stallMs ?? maxUpstreamDelayMs) : 0 };
}

function control(state: { control: UpstreamControl }, req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes <= maxControlBytes) chunks.push(chunk);
  });
  req.on('end', () => {
    if (bytes > maxControlBytes)
      return sendJson(res, 413, errorResponse(413, `body must not be larger than ${maxControlBytes} bytes`));
    const read = readControl(Buffer.concat(chunks).toString('utf8'));
    if (typeof read === 'string') return sendJson(res, 400, errorResponse(400, read));
    state.control = read;
    sendJson(res, 200, read);
  });
}

function quoteIn(state: { control: UpstreamControl }, delayMs: number, res: ServerResponse): void {
  const { mode, stallMs } = state.control;
  if (mode === 'fail') sendJson(res, 503, errorResponse(503, upstreamControlMessages.failing));
  else answerAfter(res, mode === 'stall' ? stallMs : delayMs);
}

function handle(
  options: UpstreamOptions,
  state: { control: UpstreamControl },
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);

  if (req.method === 'GET' && path === '/health') {
    sendJson(res, 200, { status: 'ok' } satisfies HealthResponse);
  } else if (req.method === 'POST' && path === '/control') {
    control(state, req, res);
  } else if (req.method === 'GET' && path === '/control') {
    sendJson(res, 200, state.control);
  } else if (req.method === 'GET' && path === '/quote') {
    const query: unknown = parseQuery(queryStart === -1 ? '' : url.slice(queryStart + 1));
    if (validateQuery(query)) {
      quoteIn(state, query.delayMs ?? options.defaultDelayMs, res);
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
  // Each server starts answering normally; the mode is its own, so parallel tests do not meet.
  const state: { control: UpstreamControl } = { control: { mode: 'ok', stallMs: 0 } };
  const server = createServer((req, res) => handle(resolved, state, req, res));
  // Keep-alive is Node's default; a long idle timeout lets the callers' pools (undici closes an
  // idle connection a little before the timeout the server announces) reuse their connections
  // rather than reconnect between bursts.
  server.keepAliveTimeout = 60_000;
  return server;
}
