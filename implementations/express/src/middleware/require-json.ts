import { errorMessages, HttpError } from '@lab/contract';
import type { RequestHandler } from 'express';

// Fastify's rule for "this request has a body": a transfer-encoding, or a non-zero content-length.
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Answers 415 when a route that takes JSON is sent a body of another type (or of no stated type). */
export const requireJson: RequestHandler = (req, _res, next) => {
  const jsonOrEmpty = !hasBody(req.headers) || Boolean(req.is('application/json'));
  next(jsonOrEmpty ? undefined : new HttpError(415, errorMessages.unsupportedMediaType));
};
