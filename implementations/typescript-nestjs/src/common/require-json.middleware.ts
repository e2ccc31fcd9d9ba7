import { errorMessages, HttpError } from '@lab/contract';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

// Fastify's rule for "this request has a body": a transfer-encoding, or a non-zero content-length.
function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Answers 415 when a route that takes JSON is sent a body of another type (or of no stated type).
 * Middleware, so that it runs before the body is read: on Fastify, Nest runs middleware in an
 * onRequest hook, ahead of the content-type parsers.
 */
@Injectable()
export class RequireJsonMiddleware implements NestMiddleware<{ headers: IncomingHttpHeaders }> {
  use(request: { headers: IncomingHttpHeaders }, _response: unknown, next: () => void): void {
    if (hasBody(request.headers) && !isJson(request.headers['content-type']))
      throw new HttpError(415, errorMessages.unsupportedMediaType);
    next();
  }
}
