import type { FastifySchema } from 'fastify';
import { describe, expect, it } from 'vitest';
import { urlValidatorCompiler } from './url-validation.ts';

const compile = (httpPart: string, schema: object) =>
  urlValidatorCompiler({ schema, httpPart, method: 'GET', url: '/users' } as unknown as {
    schema: FastifySchema;
    httpPart: string;
    method: 'GET';
    url: string;
  });

describe('urlValidatorCompiler', () => {
  it('coerces a query value to the integer its schema asks for, as URL text must be', () => {
    const validate = compile('querystring', { type: 'object', properties: { limit: { type: 'integer' } } }) as (
      data: unknown,
    ) => boolean;
    const query = { limit: '20' };
    expect(validate(query)).toBe(true);
    expect(query.limit).toBe(20);
  });

  it('refuses to compile a body schema, which must never be coerced', () => {
    expect(() => compile('body', { type: 'object' })).toThrow(
      'compiles querystring and params schemas only, not body schemas',
    );
  });
});
