// The upstream of scenario 05 on its own: the delays it is asked for, and what it refuses.
import { createQueryAjv, errorMessages, upstreamQuoteSchema } from '@lab/contract';
import { setUpstreamMode, upstreamControlMessages, upstreamControlSchema } from '@lab/node-backend';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamServer, readUpstreamOptions } from './app.ts';

const defaultDelayMs = 30;
const server = createUpstreamServer({ defaultDelayMs });
let baseUrl: string;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function timedGet(
  path: string,
): Promise<{ status: number; body: unknown; elapsedMs: number; keepAlive: string | null }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`);
  const body: unknown = await response.json();
  return {
    status: response.status,
    body,
    elapsedMs: performance.now() - started,
    keepAlive: response.headers.get('keep-alive'),
  };
}

describe('GET /quote', () => {
  it('answers a quote that fits the contract after the delay it is asked for', async () => {
    const { status, body, elapsedMs } = await timedGet('/quote?delayMs=150');
    expect(status).toBe(200);
    expect(body).toEqual({ delayMs: 150, quote: { symbol: 'LAB', price: 123.45, currency: 'EUR' } });
    expect(createQueryAjv().validate(upstreamQuoteSchema, body)).toBe(true);
    // Timers may fire a little early by the wall clock; never by whole milliseconds.
    expect(elapsedMs).toBeGreaterThanOrEqual(149);
  });

  it('waits its default delay when not told one', async () => {
    const { body, elapsedMs } = await timedGet('/quote');
    expect(body).toMatchObject({ delayMs: defaultDelayMs });
    expect(elapsedMs).toBeGreaterThanOrEqual(defaultDelayMs - 1);
  });

  it('waits for many callers at once rather than one after another', async () => {
    const started = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => timedGet('/quote?delayMs=200')));
    // One after another would take 4 s.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps connections alive for a minute', async () => {
    expect((await timedGet('/health')).keepAlive).toBe('timeout=60');
  });

  it.each([
    ['abc', 'querystring/delayMs must be integer'],
    ['-1', 'querystring/delayMs must be >= 0'],
    ['10001', 'querystring/delayMs must be <= 10000'],
  ])('refuses delayMs=%s with a 400 in the contract error shape', async (value, message) => {
    expect(await timedGet(`/quote?delayMs=${value}`)).toMatchObject({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message },
    });
  });
});

it('answers GET /health with {"status":"ok"}', async () => {
  expect(await timedGet('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
});

it('answers an unknown route with a 404 naming it', async () => {
  expect(await timedGet('/quotes')).toMatchObject({
    status: 404,
    body: { message: errorMessages.routeNotFound('GET', '/quotes') },
  });
});

describe('readUpstreamOptions', () => {
  it('defaults the delay to 50 ms', () => {
    expect(readUpstreamOptions({})).toEqual({ defaultDelayMs: 50 });
  });

  it('reads UPSTREAM_DELAY_MS', () => {
    expect(readUpstreamOptions({ UPSTREAM_DELAY_MS: '0' })).toEqual({ defaultDelayMs: 0 });
  });

  it.each(['-1', '10001', 'soon', '1.5'])(
    'refuses UPSTREAM_DELAY_MS=%s, naming the variable and the range',
    (value) => {
      expect(() => readUpstreamOptions({ UPSTREAM_DELAY_MS: value })).toThrow(
        `UPSTREAM_DELAY_MS must be an integer from 0 to 10000, got "${value}"`,
      );
    },
  );
});

async function postControl(body: string, contentType = 'application/json'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/control`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe('POST /control', () => {
  afterEach(async () => {
    await setUpstreamMode(baseUrl, { mode: 'ok' });
  });

  it('starts in mode ok, answering quotes as usual', async () => {
    expect(await timedGet('/control')).toMatchObject({ status: 200, body: { mode: 'ok', stallMs: 0 } });
  });

  it('fails every quote at once with a 503 in mode fail, and says so on GET /control', async () => {
    expect(await setUpstreamMode(baseUrl, { mode: 'fail' })).toEqual({ mode: 'fail', stallMs: 0 });
    const { status, body, elapsedMs } = await timedGet('/quote?delayMs=500');
    expect(status).toBe(503);
    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: upstreamControlMessages.failing });
    expect(elapsedMs).toBeLessThan(500);
    expect((await timedGet('/control')).body).toEqual({ mode: 'fail', stallMs: 0 });
  });

  it('holds every quote for stallMs in mode stall, whatever delay was asked for', async () => {
    const control = await setUpstreamMode(baseUrl, { mode: 'stall', stallMs: 300 });
    expect(createQueryAjv().validate(upstreamControlSchema, control)).toBe(true);
    const { status, body, elapsedMs } = await timedGet('/quote?delayMs=0');
    expect({ status, body }).toEqual({
      status: 200,
      body: { delayMs: 300, quote: { symbol: 'LAB', price: 123.45, currency: 'EUR' } },
    });
    expect(elapsedMs).toBeGreaterThanOrEqual(299);
  });

  it('stalls for the longest delay when not told how long', async () => {
    expect(await setUpstreamMode(baseUrl, { mode: 'stall' })).toEqual({ mode: 'stall', stallMs: 10_000 });
  });

  it('answers quotes normally again once switched back to ok', async () => {
    await setUpstreamMode(baseUrl, { mode: 'fail' });
    await setUpstreamMode(baseUrl, { mode: 'ok' });
    expect(await timedGet('/quote?delayMs=0')).toMatchObject({ status: 200, body: { delayMs: 0 } });
  });

  it.each([
    ['{"mode":"broken"}', 'body/mode must be equal to one of the allowed values'],
    ['{"mode":"stall","stallMs":-1}', 'body/stallMs must be >= 0'],
    ['{"mode":"ok","stallMs":10}', upstreamControlMessages.stallMsWithoutStall],
    ['{}', "body must have required property 'mode'"],
    ['{"mode":"ok","extra":1}', "body must NOT have additional properties: 'extra'"],
    ['{mode', errorMessages.invalidJson],
  ])('refuses the body %s with a 400 naming the problem, and keeps its mode', async (text, message) => {
    expect(await postControl(text)).toEqual({ status: 400, body: { statusCode: 400, error: 'Bad Request', message } });
    expect((await timedGet('/control')).body).toEqual({ mode: 'ok', stallMs: 0 });
  });

  it('refuses a body over 1 KiB with a 413', async () => {
    expect((await postControl(JSON.stringify({ mode: 'ok', pad: 'x'.repeat(2000) }))).status).toBe(413);
  });
});
