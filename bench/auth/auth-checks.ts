// Scenario 17: the credentials a load sends, and the cheap checks after it. A load's headers are
// fixed when the suite file is collected, before any target runs, so the suite cannot send the
// tokens a login answers. It sends a JWT it signs itself under the targets' AUTH_SECRET (a JWT
// is stateless: any token signed with the key is as good as one the login issued), and a
// session id it picks, under which beforeLoad stores the session a real login created.
import { randomBytes } from 'node:crypto';
import { authErrorMessages, errorMessages } from '../../implementations/contract/src/index.ts';
import {
  accessTokenIssuer,
  appOptionDefaults,
  importAccessTokenKey,
  issueAccessToken,
  sessionKey,
} from '../../implementations/node-backend/src/index.ts';
import { logInAs } from '../../fixtures/login-users.ts';
import { withRedis } from '../../fixtures/redis-stats.ts';

/** The login user whose page every variant reads: one user's token serves every request. */
export const AUTH_USER = 7;

/** The secret the targets sign with: they are given no AUTH_SECRET, so the contract's default. */
const secret = appOptionDefaults.authSecret;

/** Valid for an hour: longer than any run of the suite, which the login's 15 minutes might not be. */
export const accessToken = await issueAccessToken(AUTH_USER, await importAccessTokenKey(secret), 3600);

/** The id the session of AUTH_USER is kept under during a load (43 base64url characters, like the server's). */
export const sessionId = randomBytes(32).toString('base64url');

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/**
 * Logs AUTH_USER in at the target (a scrypt check and a new session in Redis, as any client
 * would) and moves that session, value and TTL as the server wrote them, to `sessionId`.
 */
export async function logInUnderKnownSessionId(url: string, redisUrl: string): Promise<void> {
  const login = await logInAs(url, AUTH_USER);
  if (login.userId !== AUTH_USER)
    throw new Error(`POST /auth/login as user ${AUTH_USER} answered the user ${login.userId}`);
  await withRedis(redisUrl, async (redis) => {
    await redis.rename(sessionKey(login.sessionId), sessionKey(sessionId));
  });
}

/** The JWT with its payload changed to another user's and its signature kept. */
function tampered(token: string): string {
  const [header, , signature] = token.split('.');
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: String(AUTH_USER + 1), iss: accessTokenIssuer, iat: now, exp: now + 300 };
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

async function expectRefused(url: string, token: string, message: string, what: string): Promise<void> {
  const response = await fetch(url, { headers: bearer(token) });
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (response.status !== 401 || body.message !== message) {
    throw new Error(
      `${what} must be refused with 401 "${message}" after the load, got ${response.status} ${JSON.stringify(body)}`,
    );
  }
}

/** After a load of the JWT route: a token whose payload was changed is still refused. */
export function expectTamperedJwtRefused(url: string): Promise<void> {
  return expectRefused(
    `${url}/auth/jwt/items`,
    tampered(accessToken),
    errorMessages.invalidSignature,
    'a JWT whose payload was changed to another user',
  );
}

/** After a load of the session route: an id that was never issued is refused. */
export function expectUnknownSessionRefused(url: string): Promise<void> {
  return expectRefused(
    `${url}/auth/session/items`,
    randomBytes(32).toString('base64url'),
    authErrorMessages.unknownSession,
    'a session id that was never issued',
  );
}
