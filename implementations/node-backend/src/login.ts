// POST /auth/login (scenarios 17 and 20): the password checked against its scrypt hash in
// PostgreSQL, then both credentials issued: a JWT (17b) and a session in Redis (17c).
import { issueAccessToken, type AccessTokenKey } from './access-token.js';
import { unauthorized } from './auth-token.js';
import type { DatabasePool } from './database.js';
import { decoyPasswordHash, verifyPassword } from './password-hash.js';
import type { RedisClient } from './redis.js';
import { authErrorMessages, type LoginRequest, type LoginResponse } from '@lab/contract';
import { createSession } from './sessions.js';
import { loadQueries } from './sql.js';

/** implementations/sql/auth.sql. */
export const credentialQueries = loadQueries('auth', { byEmail: 'auth_credentials_by_email' });

export interface LoginDependencies {
  pool: DatabasePool;
  redis: RedisClient;
  accessTokenKey: AccessTokenKey;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
}

/** The credentials of a user whose password is right; the contract's 401 otherwise, whichever part was wrong. */
export async function logIn(
  { pool, redis, accessTokenKey, accessTokenTtlSeconds, sessionTtlSeconds }: LoginDependencies,
  { email, password }: LoginRequest,
): Promise<LoginResponse> {
  const { rows } = await pool.query<{ user_id: string; password_hash: string }>(credentialQueries.byEmail, [email]);
  const [row] = rows;
  // An unknown email costs a hash too, so that timing does not tell it from a wrong password.
  const passwordMatches = await verifyPassword(password, row?.password_hash ?? decoyPasswordHash);
  if (!row || !passwordMatches) throw unauthorized(authErrorMessages.wrongCredentials);

  const userId = Number(row.user_id);
  const [accessToken, sessionId] = await Promise.all([
    issueAccessToken(userId, accessTokenKey, accessTokenTtlSeconds),
    createSession(redis, userId, sessionTtlSeconds),
  ]);
  // Keys in the order of loginResponseSchema.
  return {
    userId,
    tokenType: 'Bearer',
    accessToken,
    expiresIn: accessTokenTtlSeconds,
    sessionId,
    sessionExpiresIn: sessionTtlSeconds,
  };
}
