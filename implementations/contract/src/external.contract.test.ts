// Scenario 05, GET /external: every implementation calls the same upstream (a real server on a
// free port) and answers alike, including when the upstream is down, failing or too slow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages, externalResponseSchema, type ExternalResponse } from './index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll } from './testing/answers.ts';
import {
  closedPortUrl,
  implementationsServing,
  startServer,
  startTargets,
  startUpstream,
  stopTargets,
  type Target,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('05');

const upstreamDefaultDelayMs = 20;
let upstream: Target;
let targets: Targets;

beforeAll(async () => {
  upstream = await startUpstream(upstreamDefaultDelayMs);
  targets = await startTargets({ upstreamUrl: upstream.baseUrl }, names);
});

afterAll(async () => {
  await stopTargets(targets);
  await upstream.close();
});

/** The measured time differs from one call to the next; everything else must not. */
const withoutTiming = (text: string) => text.replace(/"upstreamMs":[0-9.e+-]+/, '"upstreamMs":0');

describe.each(names)('%s', (name) => {
  it('answers with the upstream quote after at least the delay it asked for', async () => {
    const answer = await send(targets[name]!.baseUrl, '/external?delayMs=120');
    const body = expectJson(answer, 200, externalResponseSchema) as ExternalResponse;
    expect(body.upstream).toEqual({ delayMs: 120, quote: { symbol: 'LAB', price: 123.45, currency: 'EUR' } });
    expect(body.upstreamMs).toBeGreaterThanOrEqual(120);
  });

  it("leaves the delay to the upstream's default when none is asked for", async () => {
    const answer = await send(targets[name]!.baseUrl, '/external');
    const body = expectJson(answer, 200, externalResponseSchema) as ExternalResponse;
    expect(body.upstream.delayMs).toBe(upstreamDefaultDelayMs);
    expect(body.upstreamMs).toBeGreaterThanOrEqual(upstreamDefaultDelayMs);
  });
});

describe('every implementation answers GET /external alike', () => {
  it('gives the same body apart from the measured time', async () => {
    const answer = expectSameAnswers(await sendToAll(targets, '/external?delayMs=0'), withoutTiming);
    expectJson(answer, 200, externalResponseSchema);
  });

  it.each([
    ['abc', 'querystring/delayMs must be integer'],
    ['1.5', 'querystring/delayMs must be integer'],
    ['-1', 'querystring/delayMs must be >= 0'],
    ['10001', 'querystring/delayMs must be <= 10000'],
    ['', 'querystring/delayMs must be integer'],
  ])('rejects delayMs=%s with a 400 naming the field', async (value, message) => {
    await expectSameError(targets, `/external?delayMs=${value}`, {}, 400, message);
  });

  it('rejects a repeated delayMs, which arrives as a list', async () => {
    await expectSameError(targets, '/external?delayMs=1&delayMs=2', {}, 400, 'querystring/delayMs must be integer');
  });

  it('rejects a query parameter the contract does not name', async () => {
    await expectSameError(
      targets,
      '/external?delay=5',
      {},
      400,
      "querystring must NOT have additional properties: 'delay'",
    );
  });
});

describe('an upstream that fails is a 502', () => {
  let down: Targets;
  let failing: Targets;
  let garbled: Targets;
  let garbler: Target;

  beforeAll(async () => {
    down = await startTargets({ upstreamUrl: await closedPortUrl() }, names);
    // The real upstream under a path it does not serve: it answers 404.
    failing = await startTargets({ upstreamUrl: `${upstream.baseUrl}/missing` }, names);
    garbler = await startServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"price":"not a quote"}');
    });
    garbled = await startTargets({ upstreamUrl: garbler.baseUrl }, names);
  });

  afterAll(async () => {
    await Promise.all([stopTargets(down), stopTargets(failing), stopTargets(garbled)]);
    await garbler.close();
  });

  it('answers 502 when nothing listens at the upstream address', async () => {
    await expectSameError(down, '/external', {}, 502, errorMessages.upstreamUnreachable);
  });

  it("answers 502 naming the upstream's status when it answers with an error", async () => {
    await expectSameError(failing, '/external', {}, 502, errorMessages.upstreamStatus(404));
  });

  it('answers 502 when the upstream answers with something that is not a quote', async () => {
    await expectSameError(garbled, '/external', {}, 502, errorMessages.upstreamInvalidBody);
  });
});

describe('an upstream slower than the timeout is a 504', () => {
  const timeoutMs = 100;
  let impatient: Targets;

  beforeAll(async () => {
    impatient = await startTargets({ upstreamUrl: upstream.baseUrl, upstreamTimeoutMs: timeoutMs }, names);
  });

  afterAll(() => stopTargets(impatient));

  it('answers 504 naming the timeout instead of waiting for the upstream', async () => {
    await expectSameError(impatient, '/external?delayMs=2000', {}, 504, errorMessages.upstreamTimeout(timeoutMs));
  });

  it('still answers 200 when the upstream is quick enough', async () => {
    const answer = expectSameAnswers(await sendToAll(impatient, '/external?delayMs=0'), withoutTiming);
    expectJson(answer, 200, externalResponseSchema);
  });
});
