import { createQueryAjv, formatSchemaErrors, HttpError } from '@lab/contract';
import type { Schema } from 'ajv';
import type { RequestHandler } from 'express';

/**
 * Validates the query string against a contract schema, with ajv set up as for Fastify's
 * querystring validation (numeric text coerced, defaults filled in). The result goes to
 * res.locals.query: Express 5 parses req.query afresh on every read, so changes to it are lost.
 */
export function validateQuery(schema: Schema): RequestHandler {
  const validate = createQueryAjv().compile(schema);
  return (req, res, next) => {
    const query = req.query;
    if (!validate(query)) {
      next(new HttpError(400, formatSchemaErrors(validate.errors ?? [], 'querystring')));
      return;
    }
    res.locals['query'] = query;
    next();
  };
}
