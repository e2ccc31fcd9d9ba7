// What is Nest's own in this implementation: its adapters hand the platforms' errors to the
// exception filters wrapped in an HttpException, its router throws a NotFoundException, and
// guards and middleware throw rather than answer. The filter must still answer each in the
// contract's shape, on both platforms.
import { errorMessages, errorResponse, HttpError } from '@lab/contract';
import { appOptionDefaults, type AppOptions } from '@lab/node-backend';
import { BadRequestException, HttpException, NotFoundException, type INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNestApp } from '../app.js';
import { platforms } from '../platform.js';
import { toContractError } from './contract-exception.filter.js';

const routeNotFound = () => errorMessages.routeNotFound('GET', '/nope');

describe('toContractError', () => {
  it("reads the platform's own error out of the HttpException Nest's adapter wraps it in", () => {
    const bodyParserError = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(
      toContractError(new BadRequestException(bodyParserError.message, { cause: bodyParserError }), routeNotFound),
    ).toEqual({
      statusCode: 400,
      message: errorMessages.invalidJson,
    });
    const fastifyError = Object.assign(
      new Error("Body cannot be empty when content-type is set to 'application/json'"),
      {
        name: 'FastifyError',
        statusCode: 400,
        code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
      },
    );
    expect(
      toContractError(new HttpException(fastifyError.message, 400, { cause: fastifyError }), routeNotFound),
    ).toEqual({
      statusCode: 400,
      message: errorMessages.emptyJsonBody,
    });
  });

  it("words the router's NotFoundException as the contract's unknown route", () => {
    expect(toContractError(new NotFoundException('Cannot GET /nope'), routeNotFound)).toEqual({
      statusCode: 404,
      message: routeNotFound(),
    });
  });

  it("keeps the contract's own error as it is, headers included, also when an adapter wrapped it", () => {
    const challenge = new HttpError(401, errorMessages.missingAuthorization, { 'www-authenticate': 'Bearer' });
    expect(toContractError(challenge, routeNotFound)).toBe(challenge);
    expect(toContractError(new HttpException('wrapped', 400, { cause: challenge }), routeNotFound)).toBe(challenge);
  });

  it('answers anything else as a 500 that says nothing of its cause', () => {
    expect(toContractError(new Error('secret detail'), routeNotFound)).toEqual({
      statusCode: 500,
      message: errorMessages.internal,
    });
    expect(toContractError('a string', routeNotFound)).toEqual({ statusCode: 500, message: errorMessages.internal });
  });
});

describe.each(platforms)('the exception filter on the %s platform', (platform) => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    // Nothing listens on port 9 here: the database and Redis are connected to on first use only.
    const options: AppOptions = {
      ...appOptionDefaults,
      upstreamUrl: 'http://127.0.0.1:9',
      databaseUrl: 'postgres://lab@127.0.0.1:9/lab',
      redisUrl: 'redis://127.0.0.1:9',
    };
    app = await createNestApp(platform, options);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app?.close());

  async function answer(path: string, init?: RequestInit) {
    const response = await fetch(`${baseUrl}${path}`, init);
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  }

  it("answers a guard's refusal with the contract's 401 and its Bearer challenge", async () => {
    const { status, headers, body } = await answer('/protected');
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer');
    expect(body).toEqual(errorResponse(401, errorMessages.missingAuthorization));
  });

  it("answers middleware's refusal before the body is read, unparsed", async () => {
    const { status, body } = await answer('/upload', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    expect(status).toBe(415);
    expect(body).toEqual(errorResponse(415, errorMessages.notMultipart));
  });

  it("answers the platform's JSON parser's error with the contract's message", async () => {
    const { status, body } = await answer('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    expect(status).toBe(400);
    expect(body).toEqual(errorResponse(400, errorMessages.invalidJson));
  });

  it('answers a route Nest does not know with the contract 404 naming it', async () => {
    const { status, body } = await answer('/users/1/?x=1');
    expect(status).toBe(404);
    expect(body).toEqual(errorResponse(404, errorMessages.routeNotFound('GET', '/users/1/?x=1')));
  });

  it('answers a database that refuses connections with a 503 and retry-after, without logging it as a fault', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { status, headers, body } = await answer('/users/1');
      expect(status).toBe(503);
      expect(headers.get('retry-after')).toBe('1');
      expect(body).toEqual(errorResponse(503, 'the database is unavailable, try again'));
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
