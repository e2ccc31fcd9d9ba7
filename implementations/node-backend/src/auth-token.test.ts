import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAuthorization, issueToken, verifyToken } from './auth-token.ts';
import { errorMessages } from '@lab/contract';

const secret = 'unit-test-secret';

describe('issueToken', () => {
  it('signs "v1.<userId>" with HMAC-SHA256 in hex', () => {
    const signature = createHmac('sha256', secret).update('v1.42').digest('hex');
    expect(issueToken(42, secret)).toBe(`v1.42.${signature}`);
  });

  it.each([0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1])('refuses the user id %s', (userId) => {
    expect(() => issueToken(userId, secret)).toThrow(RangeError);
  });
});

describe('verifyToken', () => {
  it('accepts a token it issued and gives back its user id', () => {
    expect(verifyToken(issueToken(7, secret), secret)).toEqual({ valid: true, userId: 7 });
  });

  it('accepts the largest safe user id', () => {
    expect(verifyToken(issueToken(Number.MAX_SAFE_INTEGER, secret), secret)).toEqual({
      valid: true,
      userId: Number.MAX_SAFE_INTEGER,
    });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyToken(issueToken(7, 'other'), secret)).toEqual({
      valid: false,
      message: errorMessages.invalidSignature,
    });
  });

  it.each([
    ['an empty token', ''],
    ['another version', issueToken(7, secret).replace('v1.', 'v2.')],
    ['a user id with a leading zero', issueToken(7, secret).replace('v1.7.', 'v1.07.')],
    ['a user id beyond the safe integers', `v1.9007199254740993.${'0'.repeat(64)}`],
    ['a short signature', issueToken(7, secret).slice(0, -2)],
    ['a signature that is not hex', `v1.7.${'z'.repeat(64)}`],
    ['a trailing part', `${issueToken(7, secret)}.x`],
  ])('refuses %s as malformed', (_case, token) => {
    expect(verifyToken(token, secret)).toEqual({ valid: false, message: errorMessages.malformedToken });
  });
});

describe('checkAuthorization', () => {
  it('reads the token after the Bearer scheme, in any letter case and spacing', () => {
    expect(checkAuthorization(`BEARER   ${issueToken(3, secret)} `, secret)).toEqual({ valid: true, userId: 3 });
  });

  it.each([
    [undefined, errorMessages.missingAuthorization],
    ['', errorMessages.missingAuthorization],
    ['Basic dXNlcjpwYXNz', errorMessages.notBearer],
    ['Bearer', errorMessages.malformedToken],
    ['Bearer ', errorMessages.malformedToken],
  ])('refuses the header %j', (header, message) => {
    expect(checkAuthorization(header, secret)).toEqual({ valid: false, message });
  });
});
