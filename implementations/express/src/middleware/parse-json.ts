import { bodyLimitBytes, errorMessages, HttpError } from '@lab/contract';
import express, { type RequestHandler } from 'express';

/**
 * express.json, set to accept what Fastify's JSON parser accepts: any JSON value (not only objects
 * and arrays; validation then says "body must be object"), and no empty body, which body-parser
 * would otherwise turn into `{}`.
 */
export const parseJson: RequestHandler = express.json({
  limit: bodyLimitBytes,
  strict: false,
  verify: (_req, _res, buffer) => {
    // body-parser keeps this error's status (400) and passes it on to the error handler.
    if (buffer.length === 0) throw new HttpError(400, errorMessages.emptyJsonBody);
  },
});
