import { createQueryAjv, formatSchemaErrors, HttpError } from '@lab/contract';
import type { Schema } from 'ajv';
import type { RequestHandler } from 'express';

/**
 * Validates a part of the URL against a contract schema, with ajv set up as for Fastify's
 * querystring and params validation: the values are text, so numeric text is coerced, and
 * defaults are filled in. The result goes to res.locals under the part's name: Express 5 parses
 * req.query afresh on every read, so changes to it are lost.
 */
function validateUrlPart(part: 'query' | 'params', dataVar: string, schema: Schema): RequestHandler {
  const validate = createQueryAjv().compile(schema);
  return (req, res, next) => {
    const values: unknown = req[part];
    if (!validate(values)) {
      next(new HttpError(400, formatSchemaErrors(validate.errors ?? [], dataVar)));
      return;
    }
    res.locals[part] = values;
    next();
  };
}

/** The query string, valid, in res.locals.query; errors name it `querystring`, as Fastify does. */
export function validateQuery(schema: Schema): RequestHandler {
  return validateUrlPart('query', 'querystring', schema);
}

/** The route's path parameters, valid, in res.locals.params. */
export function validateParams(schema: Schema): RequestHandler {
  return validateUrlPart('params', 'params', schema);
}
