// Reading "Authorization: Bearer <token>", for the routes whose token is not scenario 06's: the
// JWTs and session ids of scenario 17. Same rules and messages as checkAuthorization.
import { errorMessages } from '@lab/contract';

export type BearerRead = { valid: true; token: string } | { valid: false; message: string };

/** The token of a Bearer header (the scheme is case-insensitive, as HTTP auth schemes are). */
export function readBearer(header: string | undefined): BearerRead {
  if (header === undefined || header === '') return { valid: false, message: errorMessages.missingAuthorization };
  const space = header.indexOf(' ');
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return { valid: false, message: errorMessages.notBearer };
  const token = space === -1 ? '' : header.slice(space + 1).trim();
  return token === '' ? { valid: false, message: errorMessages.malformedToken } : { valid: true, token };
}
