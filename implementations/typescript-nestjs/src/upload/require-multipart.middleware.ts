import { errorMessages, HttpError } from '@lab/contract';
import { isMultipartFormData } from '@lab/node-backend';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Answers 415 when POST /upload is sent another type of body, before any of it is read: no JSON
 * parser runs on this route on Express (AppModule leaves it out), and on Fastify Nest runs
 * middleware in an onRequest hook, ahead of the content-type parsers.
 */
@Injectable()
export class RequireMultipartMiddleware implements NestMiddleware<{ headers: IncomingHttpHeaders }> {
  use(request: { headers: IncomingHttpHeaders }, _response: unknown, next: () => void): void {
    if (!isMultipartFormData(request.headers['content-type'])) throw new HttpError(415, errorMessages.notMultipart);
    next();
  }
}
