import { createAjv, formatSchemaErrors, HttpError } from '@lab/contract';
import type { Schema } from 'ajv';
import type { RequestHandler } from 'express';

/** Validates req.body against a contract schema with ajv set up as Fastify's, and words errors alike. */
export function validateBody(schema: Schema): RequestHandler {
  const validate = createAjv().compile(schema);
  return (req, _res, next) => {
    const valid = validate(req.body);
    next(valid ? undefined : new HttpError(400, formatSchemaErrors(validate.errors ?? [], 'body')));
  };
}
