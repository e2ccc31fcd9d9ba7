// Every implementation, started in-process on a free port and spoken to over real HTTP, must give
// the same answers: the contract's bodies for good input, and for bad input the same status,
// content type and error body as every other implementation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeEchoPayload, smallEchoPayload } from '../../../fixtures/echo-payloads.ts';
import { bodyLimitBytes, echoResponseSchema, errorMessages, healthResponseSchema, type EchoRequest } from './index.ts';
import { expectJson, expectSameError as expectSameErrorFrom, send } from './testing/answers.ts';
import { implementationsServing, startTargets, stopTargets, type Targets } from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('01', '02');

let targets: Targets;

beforeAll(async () => {
  targets = await startTargets({}, names);
});

afterAll(() => stopTargets(targets));

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

function expectSameError(path: string, init: RequestInit, status: number, message: string | RegExp) {
  return expectSameErrorFrom(targets, path, init, status, message);
}

describe.each(names)('%s', (name) => {
  it('answers GET /health with 200 and {"status":"ok"} as JSON', async () => {
    const answer = await send(targets[name]!.baseUrl, '/health');
    expect(expectJson(answer, 200, healthResponseSchema)).toEqual({ status: 'ok' });
  });

  it.each([
    ['small', smallEchoPayload()],
    ['large', largeEchoPayload()],
  ] as const)('echoes the %s payload back unchanged with 200', async (_size, payload) => {
    const answer = await send(targets[name]!.baseUrl, '/echo', postEcho(payload));
    expect(expectJson(answer, 200, echoResponseSchema)).toEqual(payload);
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
