// Scenario 17: POST /auth/login issues a JWT and a session; the same page of items is served with
// no authentication (17a), behind the JWT (17b) and behind the session in Redis (17c), alike by
// every implementation; a tampered, expired, unknown or missing token or session is a 401.
import { setTimeout as delay } from 'node:timers/promises';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOGIN_USERS, logInEveryLoginUser, loginUser } from '../../../fixtures/login-users.ts';
import { withRedis } from '../../../fixtures/redis-stats.ts';
import {
  authErrorMessages,
  errorMessages,
  loginResponseSchema,
  protectedResponseSchema,
  type LoginResponse,
} from './index.ts';
import {
  accessTokenIssuer,
  importAccessTokenKey,
  issueAccessToken,
  protectedPage,
  sessionKey,
  verifyAccessToken,
} from '../../node-backend/src/index.ts';
import {
  expectJson,
  expectSameAnswers,
  expectSameError,
  expectValid,
  send,
  sendToAll,
  type Answer,
} from './testing/answers.ts';
import {
  type ImplementationName,
  implementationsServing,
  startTargets,
  stopTargets,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('17');

const secret = 'contract-test-secret';
const sessionTtlSeconds = 600;
const accessTokenTtlSeconds = 300;
const redisUrl = inject('redisUrl');
let targets: Targets;

beforeAll(async () => {
  targets = await startTargets({ authSecret: secret, sessionTtlSeconds, accessTokenTtlSeconds }, names);
});

afterAll(() => stopTargets(targets));

function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function bearer(token: string): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } };
}

async function logIn(baseUrl: string, id: number): Promise<LoginResponse> {
  const { email, password } = loginUser(id);
  return expectJson(
    await send(baseUrl, '/auth/login', postJson({ email, password })),
    200,
    loginResponseSchema,
  ) as LoginResponse;
}

/** What differs between two logins: the tokens and the session id. */
function withoutCredentials(text: string): string {
  return text
    .replace(/"accessToken":"[^"]+"/, '"accessToken":"<jwt>"')
    .replace(/"sessionId":"[^"]+"/, '"sessionId":"<id>"');
}

const page = (userId: number) => JSON.stringify(protectedPage(userId, { page: 1, pageSize: 20 }));

describe.each(names)('%s', (name: ImplementationName) => {
  const userId = name === 'express' ? 3 : 4;
  const get = (path: string, init?: RequestInit) => send(targets[name]!.baseUrl, path, init);
  let login: LoginResponse;

  beforeAll(async () => {
    login = await logIn(targets[name]!.baseUrl, userId);
  });

  it('logs a user in with a JWT of the shared secret and a session kept in Redis with its TTL', async () => {
    expect(login).toMatchObject({
      userId,
      tokenType: 'Bearer',
      expiresIn: accessTokenTtlSeconds,
      sessionExpiresIn: sessionTtlSeconds,
    });
    expect(await verifyAccessToken(login.accessToken, await importAccessTokenKey(secret))).toEqual({
      valid: true,
      userId,
    });
    const [stored, ttl] = await withRedis(redisUrl, (redis) =>
      Promise.all([redis.get(sessionKey(login.sessionId)), redis.ttl(sessionKey(login.sessionId))]),
    );
    expect(JSON.parse(stored!)).toEqual({ userId });
    expect(ttl).toBeGreaterThan(sessionTtlSeconds - 10);
  });

  it('issues a new session on every login', async () => {
    expect((await logIn(targets[name]!.baseUrl, userId)).sessionId).not.toBe(login.sessionId);
  });

  it('serves the same page with no authentication (17a), a JWT (17b) and a session (17c)', async () => {
    const none = await get(`/auth/none/items?userId=${userId}`);
    const jwt = await get('/auth/jwt/items', bearer(login.accessToken));
    const session = await get('/auth/session/items', bearer(login.sessionId));
    expect(expectJson(none, 200, protectedResponseSchema)).toMatchObject({ userId, page: 1, pageSize: 20 });
    expect(none.text).toBe(page(userId));
    expect(jwt).toEqual(none);
    expect(session).toEqual(none);
  });

  it('takes the same page and page size on every variant', async () => {
    const none = await get(`/auth/none/items?userId=${userId}&page=3&pageSize=5`);
    expect(none.text).toBe(JSON.stringify(protectedPage(userId, { page: 3, pageSize: 5 })));
    expect(await get('/auth/jwt/items?page=3&pageSize=5', bearer(login.accessToken))).toEqual(none);
    expect(await get('/auth/session/items?page=3&pageSize=5', bearer(login.sessionId))).toEqual(none);
  });

  it('ends a session on DELETE /auth/session, after which it is refused while the JWT still works', async () => {
    const { sessionId, accessToken } = await logIn(targets[name]!.baseUrl, userId);
    const logout = await get('/auth/session', { method: 'DELETE', ...bearer(sessionId) });
    expect(logout.status).toBe(204);
    expect(logout.text).toBe('');
    const refused = expectJson(await get('/auth/session/items', bearer(sessionId)), 401, {}) as { message: string };
    expect(refused.message).toBe(authErrorMessages.unknownSession);
    expect((await get('/auth/jwt/items', bearer(accessToken))).status).toBe(200);
  });
});

describe('every implementation answers scenario 17 alike', () => {
  it('answers a login with the same body, but for the credentials', async () => {
    const { email, password } = loginUser(5);
    const answers = await sendToAll(targets, '/auth/login', postJson({ email, password }));
    expectSameAnswers(answers, withoutCredentials);
    expect(withoutCredentials(answers.express!.text)).toBe(
      `{"userId":5,"tokenType":"Bearer","accessToken":"<jwt>","expiresIn":${accessTokenTtlSeconds},"sessionId":"<id>","sessionExpiresIn":${sessionTtlSeconds}}`,
    );
  });

  it('logs every login user of the fixtures in, with credentials that both implementations accept', async () => {
    const everyone = await logInEveryLoginUser(targets.fastify!.baseUrl);
    expect(everyone.map((credentials) => credentials.userId)).toEqual(
      Array.from({ length: LOGIN_USERS }, (_, index) => index + 1),
    );
    for (const credentials of everyone) expectValid(loginResponseSchema, credentials);
    const last = everyone.at(-1)!;
    expect((await send(targets.express!.baseUrl, '/auth/jwt/items', bearer(last.accessToken))).text).toBe(
      page(LOGIN_USERS),
    );
    expect((await send(targets.express!.baseUrl, '/auth/session/items', bearer(last.sessionId))).text).toBe(
      page(LOGIN_USERS),
    );
  });

  it("accepts one implementation's JWT and session at the other, since they share the secret and the Redis", async () => {
    const { accessToken, sessionId } = await logIn(targets.express!.baseUrl, 6);
    expect((await send(targets.fastify!.baseUrl, '/auth/jwt/items', bearer(accessToken))).text).toBe(page(6));
    expect((await send(targets.fastify!.baseUrl, '/auth/session/items', bearer(sessionId))).text).toBe(page(6));
  });

  describe('refuses a login that is wrong with a 401, whichever part was wrong', () => {
    it.each([
      ['a wrong password', { email: loginUser(7).email, password: 'not-the-password' }],
      ['an unknown email', { email: 'nobody@example.test', password: loginUser(7).password }],
      ['a seeded user who has no password', { email: 'user500@example.test', password: 'lab-password-500' }],
      ["another user's password", { email: loginUser(7).email, password: loginUser(8).password }],
    ])('%s', async (_case, body) => {
      await expectSameError(targets, '/auth/login', postJson(body), 401, authErrorMessages.wrongCredentials);
    });
  });

  it.each([
    ['no password', { email: loginUser(7).email }, "body must have required property 'password'"],
    [
      'an empty password',
      { email: loginUser(7).email, password: '' },
      'body/password must NOT have fewer than 1 characters',
    ],
    ['an extra field', { ...loginUser(7), remember: true }, "body must NOT have additional properties: 'id'"],
    ['a password that is not a string', { email: loginUser(7).email, password: 1234 }, 'body/password must be string'],
  ])('rejects a login with %s with a 400 naming the field', async (_case, body, message) => {
    await expectSameError(targets, '/auth/login', postJson(body), 400, message);
  });

  it('refuses a login that is not JSON with a 415', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'user7@example.test:secret' };
    await expectSameError(targets, '/auth/login', init, 415, errorMessages.unsupportedMediaType);
  });

  it.each([
    ['GET', '/auth/jwt/items/'],
    ['GET', '/AUTH/none/items'],
    ['GET', '/auth'],
    ['POST', '/auth/login/'],
  ])('matches paths exactly, so %s %s is unknown', async (method, path) => {
    await expectSameError(targets, path, { method }, 404, errorMessages.routeNotFound(method, path));
  });

  it.each([
    ['', "querystring must have required property 'userId'"],
    ['?userId=0', 'querystring/userId must be >= 1'],
    ['?userId=abc', 'querystring/userId must be integer'],
    ['?userId=1&pageSize=101', 'querystring/pageSize must be <= 100'],
    ['?userId=1&sort=name', "querystring must NOT have additional properties: 'sort'"],
  ])('rejects GET /auth/none/items%s with a 400 naming the field', async (query, message) => {
    await expectSameError(targets, `/auth/none/items${query}`, {}, 400, message);
  });
});

describe('refuses what is not a valid credential with a 401 and a Bearer challenge', () => {
  let key: Awaited<ReturnType<typeof importAccessTokenKey>>;
  let login: LoginResponse;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    key = await importAccessTokenKey(secret);
    login = await logIn(targets.express!.baseUrl, 9);
  });

  async function expectRefused(path: string, init: RequestInit, message: string): Promise<Answer> {
    const answer = await expectSameError(targets, path, init, 401, message);
    expect(answer.wwwAuthenticate).toBe('Bearer');
    return answer;
  }

  /** The JWT with its payload replaced and its signature kept. */
  function tampered(token: string, payload: Record<string, unknown>): string {
    const [header, , signature] = token.split('.');
    return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
  }

  describe('on the JWT route (17b)', () => {
    it.each([
      ['no authorization header', () => ({}), errorMessages.missingAuthorization],
      ['another scheme', () => ({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }), errorMessages.notBearer],
      ['a scheme without a token', () => ({ headers: { authorization: 'Bearer' } }), errorMessages.malformedToken],
      ['a token that is not a JWT', () => bearer('abc.def'), authErrorMessages.invalidAccessToken],
      ['a session id', () => bearer(login.sessionId), authErrorMessages.invalidAccessToken],
    ])('refuses %s', async (_case, init, message) => {
      await expectRefused('/auth/jwt/items', init(), message);
    });

    it("refuses a token whose payload was changed to another user's, under the original signature", async () => {
      const forged = tampered(login.accessToken, { sub: '10', iss: accessTokenIssuer, iat: now(), exp: now() + 300 });
      await expectRefused('/auth/jwt/items', bearer(forged), errorMessages.invalidSignature);
    });

    it('refuses a token signed with another secret', async () => {
      const other = await issueAccessToken(9, await importAccessTokenKey('another-secret'), 300);
      await expectRefused('/auth/jwt/items', bearer(other), errorMessages.invalidSignature);
    });

    it('refuses a token that has expired', async () => {
      const expired = await issueAccessToken(9, key, 60, now() - 120);
      await expectRefused('/auth/jwt/items', bearer(expired), authErrorMessages.expiredToken);
    });

    it('refuses an unsigned token (alg "none")', async () => {
      const unsigned = new UnsecuredJWT({})
        .setSubject('9')
        .setIssuer(accessTokenIssuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .encode();
      await expectRefused('/auth/jwt/items', bearer(unsigned), authErrorMessages.invalidAccessToken);
    });

    it('refuses a token of another issuer under the same secret', async () => {
      const foreign = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('9')
        .setIssuer('someone-else')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
      await expectRefused('/auth/jwt/items', bearer(foreign), authErrorMessages.invalidAccessToken);
    });

    it('refuses a token whose subject is not a user id', async () => {
      const odd = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('admin')
        .setIssuer(accessTokenIssuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
      await expectRefused('/auth/jwt/items', bearer(odd), authErrorMessages.invalidAccessToken);
    });

    it('checks authentication before validation', async () => {
      await expectRefused('/auth/jwt/items?pageSize=0', {}, errorMessages.missingAuthorization);
    });
  });

  describe('on the session routes (17c)', () => {
    it.each([
      ['no authorization header', () => ({}), errorMessages.missingAuthorization],
      ['a session id of the wrong form', () => bearer('not-a-session'), errorMessages.malformedToken],
      ['a JWT', () => bearer(login.accessToken), errorMessages.malformedToken],
      ['a session id that was never issued', () => bearer('A'.repeat(43)), authErrorMessages.unknownSession],
      [
        'a session id with one character changed',
        () => bearer(`${login.sessionId.slice(0, -1)}${login.sessionId.endsWith('A') ? 'B' : 'A'}`),
        authErrorMessages.unknownSession,
      ],
    ])('refuses %s', async (_case, init, message) => {
      await expectRefused('/auth/session/items', init(), message);
    });

    it('refuses to end a session without one', async () => {
      await expectRefused('/auth/session', { method: 'DELETE' }, errorMessages.missingAuthorization);
    });
  });
});

describe('a session past its TTL', () => {
  let shortLived: Targets;

  beforeAll(async () => {
    shortLived = await startTargets({ authSecret: secret, sessionTtlSeconds: 1 }, names);
  });

  afterAll(() => stopTargets(shortLived));

  it('is refused by every implementation once Redis has expired it', async () => {
    const { sessionId } = await logIn(shortLived.express!.baseUrl, 11);
    expect((await send(shortLived.fastify!.baseUrl, '/auth/session/items', bearer(sessionId))).status).toBe(200);
    await delay(1100);
    await expectSameError(shortLived, '/auth/session/items', bearer(sessionId), 401, authErrorMessages.unknownSession);
  });
});
