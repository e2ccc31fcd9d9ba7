// Every implementation, started in-process on a free port and spoken to over real HTTP, must give
// the same answers: the contract's bodies for good input, and for bad input the same status,
// content type and error body as every other implementation.
import { Ajv, type ValidateFunction } from 'ajv';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeEchoPayload, smallEchoPayload } from '../../../fixtures/echo-payloads.ts';
import { createApp } from '../../express/src/app.ts';
import { buildApp } from '../../fastify/src/app.ts';
import {
  bodyLimitBytes,
  echoResponseSchema,
  errorMessages,
  errorResponseSchema,
  healthResponseSchema,
  type EchoRequest,
  type ErrorResponse,
} from './index.ts';

interface Target {
  baseUrl: string;
  close(): Promise<void>;
}

const implementations = {
  async express(): Promise<Target> {
    const server = createApp().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  },
  async fastify(): Promise<Target> {
    const app = buildApp();
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    return { baseUrl, close: () => app.close() };
  },
} satisfies Record<string, () => Promise<Target>>;

type Name = keyof typeof implementations;
const names = Object.keys(implementations) as Name[];
const targets = new Map<Name, Target>();

beforeAll(async () => {
  for (const name of names) targets.set(name, await implementations[name]());
});

afterAll(async () => {
  await Promise.all([...targets.values()].map((target) => target.close()));
});

// A strict ajv of the test's own, independent of the options the implementations validate with.
const ajv = new Ajv({ allErrors: true, strict: true });
const isHealthResponse = ajv.compile(healthResponseSchema);
const isEchoResponse = ajv.compile(echoResponseSchema);
const isErrorResponse = ajv.compile(errorResponseSchema);

function expectValid(validate: ValidateFunction, body: unknown): void {
  validate(body);
  expect(validate.errors ?? []).toEqual([]);
}

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

async function send(name: Name, path: string, init?: RequestInit): Promise<Answer> {
  const target = targets.get(name);
  if (!target) throw new Error(`${name} was not started`);
  const response = await fetch(`${target.baseUrl}${path}`, init);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

function postJson(text: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: text };
}

function postEcho(payload: unknown): RequestInit {
  return postJson(JSON.stringify(payload));
}

/** A valid small order, changed by `edit` into an invalid one. */
function invalidOrder(edit: (order: EchoRequest) => void): RequestInit {
  const order = smallEchoPayload();
  edit(order);
  return postEcho(order);
}

/**
 * Sends the same request to every implementation and checks that they all answer alike, with the
 * contract's error shape, the expected status and a message that says what was wrong.
 */
async function expectSameError(path: string, init: RequestInit, status: number, message: string | RegExp) {
  const answers = await Promise.all(names.map((name) => send(name, path, init)));
  const [first, ...others] = answers;
  for (const other of others) expect(other).toEqual(first);

  expect(first?.status).toBe(status);
  expect(first?.contentType).toMatch(/^application\/json\b/);
  const body = JSON.parse(first?.text ?? '') as ErrorResponse;
  expectValid(isErrorResponse, body);
  expect(body.statusCode).toBe(status);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
}

describe.each(names)('%s', (name) => {
  it('answers GET /health with 200 and {"status":"ok"} as JSON', async () => {
    const answer = await send(name, '/health');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json\b/);
    const body: unknown = JSON.parse(answer.text);
    expectValid(isHealthResponse, body);
    expect(body).toEqual({ status: 'ok' });
  });

  it.each([
    ['small', smallEchoPayload()],
    ['large', largeEchoPayload()],
  ] as const)('echoes the %s payload back unchanged with 200', async (_size, payload) => {
    const answer = await send(name, '/echo', postEcho(payload));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json\b/);
    const body: unknown = JSON.parse(answer.text);
    expectValid(isEchoResponse, body);
    expect(body).toEqual(payload);
    // The fixtures keep the schema's key order, so even the bytes must be the same.
    expect(answer.text).toBe(JSON.stringify(payload));
  });
});

describe('bad input gets the same answer from every implementation', () => {
  it('rejects malformed JSON with a 400 saying the body is not valid JSON', async () => {
    await expectSameError('/echo', postJson('{"id": "ord_1",'), 400, /^body is not valid JSON/);
  });

  it('rejects a nested field of the wrong type with a 400 naming the field', async () => {
    const init = invalidOrder((order) => Object.assign(order.customer, { email: 42 }));
    await expectSameError('/echo', init, 400, 'body/customer/email must be string');
  });

  it('rejects a missing required field with a 400 naming the field and its parent', async () => {
    const init = invalidOrder((order) => Reflect.deleteProperty(order.customer.address, 'city'));
    await expectSameError('/echo', init, 400, "body/customer/address must have required property 'city'");
  });

  it('rejects an extra property with a 400 naming the property', async () => {
    const init = invalidOrder((order) => Object.assign(order.items[0] ?? {}, { colour: 'red' }));
    await expectSameError('/echo', init, 400, "body/items/0 must NOT have additional properties: 'colour'");
  });

  it('rejects an extra top-level property with a 400 naming the property', async () => {
    const init = invalidOrder((order) => Object.assign(order, { discount: 10 }));
    await expectSameError('/echo', init, 400, "body must NOT have additional properties: 'discount'");
  });

  it('rejects a negative quantity with a 400 naming the item', async () => {
    const init = invalidOrder((order) => Object.assign(order.items[1] ?? {}, { quantity: -1 }));
    await expectSameError('/echo', init, 400, 'body/items/1/quantity must be >= 1');
  });

  it('does not coerce a numeric string into a number', async () => {
    const init = invalidOrder((order) => Object.assign(order.items[0] ?? {}, { quantity: '2' }));
    await expectSameError('/echo', init, 400, 'body/items/0/quantity must be integer');
  });

  it('rejects an order without items', async () => {
    const init = invalidOrder((order) => Object.assign(order, { items: [] }));
    await expectSameError('/echo', init, 400, 'body/items must NOT have fewer than 1 items');
  });

  it('rejects a JSON body that is not an object', async () => {
    await expectSameError('/echo', postJson('[]'), 400, 'body must be object');
  });

  it('rejects a request with no body at all', async () => {
    await expectSameError('/echo', { method: 'POST' }, 400, 'body must be object');
  });

  it('rejects an empty body sent as application/json', async () => {
    await expectSameError('/echo', postJson(''), 400, errorMessages.emptyJsonBody);
  });

  it('rejects a body over 1 MB with a 413', async () => {
    const init = postEcho({ ...smallEchoPayload(), notes: 'x'.repeat(bodyLimitBytes) });
    await expectSameError('/echo', init, 413, errorMessages.bodyTooLarge);
  });

  it('rejects a body that is not JSON with a 415', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' };
    await expectSameError('/echo', init, 415, errorMessages.unsupportedMediaType);
  });

  it('rejects a body without a content type with a 415', async () => {
    // fetch sends no content-type for raw bytes.
    const init = { method: 'POST', body: new TextEncoder().encode(JSON.stringify(smallEchoPayload())) };
    await expectSameError('/echo', init, 415, errorMessages.unsupportedMediaType);
  });
});

describe('unknown routes get a 404 in the contract error shape', () => {
  it('answers an unknown path with a 404 naming the route', async () => {
    await expectSameError('/nope', {}, 404, errorMessages.routeNotFound('GET', '/nope'));
  });

  it('answers a known path with the wrong method with a 404', async () => {
    await expectSameError('/echo', {}, 404, errorMessages.routeNotFound('GET', '/echo'));
  });

  it.each(['/health/', '/HEALTH'])('matches paths exactly, so %s is unknown', async (path) => {
    await expectSameError(path, {}, 404, errorMessages.routeNotFound('GET', path));
  });
});
