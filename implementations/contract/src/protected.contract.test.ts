// Scenario 06, GET /protected: authentication, request logging, validation and the handler, in
// that order, with the same answers and the same log line from every implementation.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorMessages, protectedResponseSchema } from './index.ts';
import { issueToken, requestLogMessage } from '../../node-backend/src/index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll } from './testing/answers.ts';
import { LogLines } from './testing/log-lines.ts';
import {
  type ImplementationName,
  implementationsServing,
  startTargets,
  stopTargets,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('06');

const secret = 'contract-test-secret';
const userId = 42;
const logs: Record<ImplementationName, LogLines> = Object.fromEntries(names.map((name) => [name, new LogLines()]));
let targets: Targets;

beforeAll(async () => {
  targets = await startTargets((name) => ({ authSecret: secret, logDestination: logs[name] }), names);
});

afterAll(() => stopTargets(targets));

beforeEach(() => {
  for (const lines of Object.values(logs)) lines.clear();
});

function withAuthorization(authorization: string): RequestInit {
  return { headers: { authorization } };
}

const signedIn = withAuthorization(`Bearer ${issueToken(userId, secret)}`);

describe.each(names)('%s', (name) => {
  it('answers a signed-in request without a query with page 1 of 20 items', async () => {
    const answer = await send(targets[name]!.baseUrl, '/protected', signedIn);
    const body = expectJson(answer, 200, protectedResponseSchema);
    expect(body).toEqual({
      userId,
      page: 1,
      pageSize: 20,
      items: Array.from({ length: 20 }, (_, index) => ({
        id: index + 1,
        title: `Item ${index + 1} of user ${userId}`,
      })),
    });
  });

  it('answers the page and page size it is asked for', async () => {
    const answer = await send(targets[name]!.baseUrl, '/protected?page=3&pageSize=5', signedIn);
    const body = expectJson(answer, 200, protectedResponseSchema);
    expect(body).toMatchObject({
      userId,
      page: 3,
      pageSize: 5,
      items: [{ id: 11 }, { id: 12 }, { id: 13 }, { id: 14 }, { id: 15 }],
    });
  });

  it('accepts the Bearer scheme in any letter case', async () => {
    const answer = await send(
      targets[name]!.baseUrl,
      '/protected',
      withAuthorization(`bearer ${issueToken(7, secret)}`),
    );
    expect(expectJson(answer, 200, protectedResponseSchema)).toMatchObject({ userId: 7 });
  });

  it('writes one JSON log line per request with method, url, status, response time and user', async () => {
    await send(targets[name]!.baseUrl, '/protected?pageSize=2', signedIn);
    await vi.waitFor(() => expect(logs[name]!.records).toHaveLength(1));
    expect(logs[name]!.records[0]).toMatchObject({
      level: 30,
      msg: requestLogMessage,
      method: 'GET',
      url: '/protected?pageSize=2',
      statusCode: 200,
      responseTime: expect.any(Number),
      userId,
    });
  });

  it('logs a request that fails validation, since logging comes before validation', async () => {
    await send(targets[name]!.baseUrl, '/protected?pageSize=0', signedIn);
    await vi.waitFor(() => expect(logs[name]!.records).toHaveLength(1));
    expect(logs[name]!.records[0]).toMatchObject({ statusCode: 400, userId });
  });

  it('does not log a request that authentication refuses, nor requests to other routes', async () => {
    await send(targets[name]!.baseUrl, '/protected');
    await send(targets[name]!.baseUrl, '/health');
    await send(targets[name]!.baseUrl, '/protected?pageSize=1', signedIn);
    // The last request's line is written once its response is done; the others' never are.
    await vi.waitFor(() => expect(logs[name]!.records).toHaveLength(1));
    expect(logs[name]!.records[0]).toMatchObject({ url: '/protected?pageSize=1' });
  });
});

describe('every implementation answers GET /protected alike', () => {
  it('gives the same body for the same page', async () => {
    const answer = expectSameAnswers(await sendToAll(targets, '/protected?page=2&pageSize=100', signedIn));
    expectJson(answer, 200, protectedResponseSchema);
  });

  describe('refuses a request that is not signed in with a 401 and a Bearer challenge', () => {
    const otherSecretsToken = issueToken(userId, 'another-secret');
    const tamperedToken = issueToken(userId, secret).replace(`v1.${userId}.`, 'v1.43.');

    it.each([
      ['no authorization header', {}, errorMessages.missingAuthorization],
      ['an empty authorization header', withAuthorization(''), errorMessages.missingAuthorization],
      [
        'another scheme',
        withAuthorization(`Basic ${Buffer.from('user:pass').toString('base64')}`),
        errorMessages.notBearer,
      ],
      ['a scheme without a token', withAuthorization('Bearer'), errorMessages.malformedToken],
      ['a token that is not v1.<id>.<signature>', withAuthorization('Bearer abc.def'), errorMessages.malformedToken],
      ['a user id of 0', withAuthorization(`Bearer v1.0.${'0'.repeat(64)}`), errorMessages.malformedToken],
      [
        'an upper-case signature',
        withAuthorization(`Bearer ${issueToken(userId, secret).toUpperCase()}`),
        errorMessages.malformedToken,
      ],
      [
        'a token signed with another secret',
        withAuthorization(`Bearer ${otherSecretsToken}`),
        errorMessages.invalidSignature,
      ],
      [
        "another user's id under this user's signature",
        withAuthorization(`Bearer ${tamperedToken}`),
        errorMessages.invalidSignature,
      ],
    ])('refuses %s', async (_case, init, message) => {
      const answer = await expectSameError(targets, '/protected', init, 401, message);
      expect(answer.wwwAuthenticate).toBe('Bearer');
    });

    it('checks authentication before validation', async () => {
      await expectSameError(targets, '/protected?pageSize=0', {}, 401, errorMessages.missingAuthorization);
    });
  });

  it.each([
    ['pageSize=0', 'querystring/pageSize must be >= 1'],
    ['pageSize=101', 'querystring/pageSize must be <= 100'],
    ['pageSize=abc', 'querystring/pageSize must be integer'],
    ['pageSize=2.5', 'querystring/pageSize must be integer'],
    ['page=0', 'querystring/page must be >= 1'],
    ['page=1000001', 'querystring/page must be <= 1000000'],
    ['sort=name', "querystring must NOT have additional properties: 'sort'"],
  ])('rejects %s from a signed-in user with a 400 naming the field', async (query, message) => {
    await expectSameError(targets, `/protected?${query}`, signedIn, 400, message);
  });
});
