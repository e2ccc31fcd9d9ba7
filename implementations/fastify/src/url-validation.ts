import { createQueryAjv } from '@lab/contract';
import type { FastifySchemaCompiler } from 'fastify';

const ajv = createQueryAjv();

/**
 * The validator compiler of plugins whose routes take their input from the URL: the root's ajv
 * never coerces (a body must not be altered), while a query or path value is text that a
 * schema's integer must be coerced from. Set with setValidatorCompiler, it holds for that
 * plugin's routes only, which therefore must not take a body.
 */
export const urlValidatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  if (httpPart !== 'querystring' && httpPart !== 'params') {
    throw new Error(
      `urlValidatorCompiler compiles querystring and params schemas only, not ${String(httpPart)} schemas`,
    );
  }
  return ajv.compile(schema);
};
