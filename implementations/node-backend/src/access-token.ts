// Scenario 17b: access tokens as JWTs (HS256, through jose). Stateless: checking one is a
// signature verification and a look at its claims, with no lookup anywhere.
import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { errorMessages } from '@lab/contract';
import { readBearer } from './bearer.js';
import { authErrorMessages } from '@lab/contract';
import type { TokenCheck } from './auth-token.js';

const algorithm = 'HS256';
/** Who issues the tokens: a token of another issuer under the same key is refused. */
export const accessTokenIssuer = 'backend-benchmark-lab';

export type AccessTokenKey = webcrypto.CryptoKey;

/** The HMAC key of the access tokens, from AUTH_SECRET; imported once, not on every request. */
export function importAccessTokenKey(secret: string): Promise<AccessTokenKey> {
  const raw = new TextEncoder().encode(secret);
  return webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** A JWT for the user, valid for `ttlSeconds` from `now` (seconds since the epoch). */
export function issueAccessToken(
  userId: number,
  key: AccessTokenKey,
  ttlSeconds: number,
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuer(accessTokenIssuer)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
}

const subjectPattern = /^[1-9][0-9]{0,15}$/;

/** The user id of a valid, unexpired JWT of ours; else why it is refused. */
export async function verifyAccessToken(token: string, key: AccessTokenKey): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [algorithm],
      issuer: accessTokenIssuer,
      requiredClaims: ['sub', 'exp'],
    });
    const userId = Number(payload.sub);
    if (!subjectPattern.test(payload.sub ?? '') || !Number.isSafeInteger(userId))
      return { valid: false, message: authErrorMessages.invalidAccessToken };
    return { valid: true, userId };
  } catch (error) {
    return { valid: false, message: refusal(error) };
  }
}

function refusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return authErrorMessages.expiredToken;
  if (error instanceof errors.JWSSignatureVerificationFailed) return errorMessages.invalidSignature;
  if (error instanceof errors.JOSEError) return authErrorMessages.invalidAccessToken;
  throw error;
}

/** Checks "Authorization: Bearer <JWT>". */
export async function checkAccessToken(header: string | undefined, key: AccessTokenKey): Promise<TokenCheck> {
  const bearer = readBearer(header);
  return bearer.valid ? verifyAccessToken(bearer.token, key) : bearer;
}
