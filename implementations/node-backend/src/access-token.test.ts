import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  accessTokenIssuer,
  checkAccessToken,
  importAccessTokenKey,
  issueAccessToken,
  verifyAccessToken,
} from './access-token.ts';
import { errorMessages } from '@lab/contract';
import { authErrorMessages } from '@lab/contract';

const key = await importAccessTokenKey('unit-test-secret');

describe('issueAccessToken', () => {
  it('signs an HS256 JWT with the user as subject, our issuer and its expiry', async () => {
    const token = await issueAccessToken(42, key, 900, 1_700_000_000);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(token)).toEqual({ sub: '42', iss: accessTokenIssuer, iat: 1_700_000_000, exp: 1_700_000_900 });
  });
});

describe('verifyAccessToken', () => {
  it('gives back the user id of a token it issued', async () => {
    expect(await verifyAccessToken(await issueAccessToken(7, key, 60), key)).toEqual({ valid: true, userId: 7 });
  });

  it('refuses an expired token as expired', async () => {
    const expired = await issueAccessToken(7, key, 60, Math.floor(Date.now() / 1000) - 61);
    expect(await verifyAccessToken(expired, key)).toEqual({ valid: false, message: authErrorMessages.expiredToken });
  });

  it("refuses another key's token as a bad signature", async () => {
    const other = await issueAccessToken(7, await importAccessTokenKey('other'), 60);
    expect(await verifyAccessToken(other, key)).toEqual({ valid: false, message: errorMessages.invalidSignature });
  });
});

describe('checkAccessToken', () => {
  it.each([
    [undefined, errorMessages.missingAuthorization],
    ['Basic abc', errorMessages.notBearer],
    ['Bearer ', errorMessages.malformedToken],
    ['Bearer not.a.jwt', authErrorMessages.invalidAccessToken],
  ])('refuses the header %s', async (header, message) => {
    expect(await checkAccessToken(header, key)).toEqual({ valid: false, message });
  });
});
