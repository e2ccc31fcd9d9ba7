// GET /protected's bearer tokens: "v1.<userId>.<signature>", where the signature is the hex
// HMAC-SHA256 of "v1.<userId>" under a shared secret. Stateless, so checking one costs a hash
// per request and no lookup: that cost is what scenario 06 puts in the chain.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { errorMessages, HttpError } from '@lab/contract';

const version = 'v1';
const tokenPattern = /^v1\.([1-9][0-9]{0,15})\.([0-9a-f]{64})$/;

export type TokenCheck = { valid: true; userId: number } | { valid: false; message: string };

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** A token for a user id (a positive integer), signed with the secret. */
export function issueToken(userId: number, secret: string): string {
  if (!Number.isSafeInteger(userId) || userId < 1) {
    throw new RangeError(`userId must be a positive safe integer, got ${userId}`);
  }
  const payload = `${version}.${userId}`;
  return `${payload}.${sign(payload, secret).toString('hex')}`;
}

/** The user id a token carries if its signature is the secret's, else why it is refused. */
export function verifyToken(token: string, secret: string): TokenCheck {
  const match = tokenPattern.exec(token);
  const userId = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(userId)) return { valid: false, message: errorMessages.malformedToken };

  const expected = sign(`${version}.${match[1]}`, secret);
  // Constant-time, so the time taken says nothing about how much of a forged signature was right.
  const signatureMatches = timingSafeEqual(Buffer.from(match[2] ?? '', 'hex'), expected);
  return signatureMatches ? { valid: true, userId } : { valid: false, message: errorMessages.invalidSignature };
}

/**
 * Checks an Authorization header value ("Bearer <token>"; the scheme is case-insensitive as
 * HTTP auth schemes are).
 */
export function checkAuthorization(header: string | undefined, secret: string): TokenCheck {
  if (header === undefined || header === '') return { valid: false, message: errorMessages.missingAuthorization };
  const space = header.indexOf(' ');
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return { valid: false, message: errorMessages.notBearer };
  const token = space === -1 ? '' : header.slice(space + 1).trim();
  return verifyToken(token, secret);
}

/** The 401 for a refused request, with the challenge that says which scheme to use. */
export function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { 'www-authenticate': 'Bearer' });
}
