import { STATUS_CODES } from 'node:http';
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
} as const;

/** The contract's error body for a status code, with the reason phrase as `error`. */
export function errorResponse(statusCode: number, message: string): ErrorResponse {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}
