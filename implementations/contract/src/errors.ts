import { STATUS_CODES } from 'node:http';
import { uploadPartsLimit } from './limits.js';
import type { ErrorResponse } from './types.js';

/** The largest request body accepted; a larger one is answered 413. */
export const bodyLimitBytes = 1024 * 1024;

/** The message of every error the contract names, so that implementations say the same thing. */
export const errorMessages = {
  invalidJson: 'body is not valid JSON',
  emptyJsonBody: 'body must not be empty when content-type is application/json',
  bodyTooLarge: `body must not be larger than ${bodyLimitBytes} bytes`,
  unsupportedMediaType: 'content-type must be application/json',
  routeNotFound: (method: string, url: string) => `route ${method} ${url} does not exist`,
  internal: 'internal server error',

  upstreamUnreachable: 'upstream could not be reached',
  upstreamStatus: (status: number) => `upstream answered with status ${status}`,
  upstreamInvalidBody: 'upstream answered with a body that is not a quote',
  upstreamTimeout: (timeoutMs: number) => `upstream did not answer within ${timeoutMs} ms`,

  missingAuthorization: 'authorization header is required',
  notBearer: 'authorization scheme must be Bearer',
  malformedToken: 'bearer token is malformed',
  invalidSignature: 'bearer token signature is invalid',

  notMultipart: 'content-type must be multipart/form-data',
  invalidMultipart: 'body is not valid multipart/form-data',
  noFile: 'body must contain at least one file',
  fileTooLarge: (limitBytes: number) => `file must not be larger than ${limitBytes} bytes`,
  tooManyParts: `body must not have more than ${uploadPartsLimit} parts`,
  reservedPartName: 'body must not have a part named after an Object.prototype property',

  userNotFound: (id: number) => `user ${id} does not exist`,
  emailTaken: (email: string) => `email ${email} is already taken`,
} as const;

/** The contract's error body for a status code, with the reason phrase as `error`. */
export function errorResponse(statusCode: number, message: string): ErrorResponse {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/**
 * An error that already knows its HTTP status, contract message and any headers its answer
 * needs. Shared code throws it and each implementation's error handler answers it as it is.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
