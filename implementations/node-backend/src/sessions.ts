// Scenario 17c: server sessions in Redis. The client holds only an opaque id, sent as a bearer
// token like the JWT, so that 17b and 17c differ only in what the server does with the token:
// here one GET in Redis on every request. Sessions end at their TTL, or at once when deleted,
// which a JWT cannot be.
import { randomBytes } from 'node:crypto';
import { readBearer } from './bearer.js';
import { errorMessages } from '@lab/contract';
import type { RedisClient } from './redis.js';
import { authErrorMessages, sessionIdPattern } from '@lab/contract';

const sessionIdRegExp = new RegExp(sessionIdPattern);

/** The Redis key a session is kept under. */
export function sessionKey(sessionId: string): string {
  return `session:${sessionId}`;
}

/** Every key of the session store, for SCAN ... MATCH. */
export const sessionKeyPattern = 'session:*';

export type SessionCheck = { valid: true; userId: number; sessionId: string } | { valid: false; message: string };

interface StoredSession {
  userId: number;
}

/** A new session of the user, lasting `ttlSeconds`; its id, 256 random bits. */
export async function createSession(redis: RedisClient, userId: number, ttlSeconds: number): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  const session: StoredSession = { userId };
  await redis.set(sessionKey(sessionId), JSON.stringify(session), 'EX', ttlSeconds);
  return sessionId;
}

/** Checks "Authorization: Bearer <session id>" against the store. */
export async function checkSession(redis: RedisClient, header: string | undefined): Promise<SessionCheck> {
  const bearer = readBearer(header);
  if (!bearer.valid) return bearer;
  // Refused before the lookup: a malformed id cannot be a key, and costs Redis nothing.
  if (!sessionIdRegExp.test(bearer.token)) return { valid: false, message: errorMessages.malformedToken };
  const stored = await redis.get(sessionKey(bearer.token));
  if (stored === null) return { valid: false, message: authErrorMessages.unknownSession };
  const { userId } = JSON.parse(stored) as StoredSession;
  return { valid: true, userId, sessionId: bearer.token };
}

/** Ends a session at once (DELETE /auth/session). */
export async function deleteSession(redis: RedisClient, sessionId: string): Promise<void> {
  await redis.del(sessionKey(sessionId));
}
