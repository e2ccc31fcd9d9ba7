import { createQueryAjv } from '@lab/contract';
import type { FastifySchemaCompiler } from 'fastify';

const ajv = createQueryAjv();

/**
 * The validator compiler of plugins whose routes take a query string: the root's ajv never
 * coerces (a body must not be altered), while a query value is text that a schema's integer
 * must be coerced from. Set with setValidatorCompiler, it holds for that plugin's routes only.
 */
export const queryValidatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  if (httpPart !== 'querystring') {
    throw new Error(`queryValidatorCompiler compiles querystring schemas only, not ${String(httpPart)} schemas`);
  }
  return ajv.compile(schema);
};
