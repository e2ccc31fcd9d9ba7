import { Ajv } from 'ajv';

/**
 * The ajv options every implementation validates request bodies with. They are Fastify's defaults
 * (@fastify/ajv-compiler) except where a body must not be altered: no type coercion and no silent
 * removal of unknown properties, so a wrong type or an extra field is a 400, not a quiet fix.
 */
export const ajvOptions = {
  allErrors: false,
  coerceTypes: false,
  removeAdditional: false,
  useDefaults: true,
} as const;

/** An ajv instance configured like Fastify's, for implementations that validate by hand. */
export function createAjv(): Ajv {
  return new Ajv(ajvOptions);
}

/**
 * The ajv options for query strings. A query value arrives as text, so here a numeric string is
 * coerced to the number the schema asks for ("20" becomes 20), which bodies never are. Repeated
 * keys arrive as arrays and stay arrays: `pageSize=1&pageSize=2` is not an integer.
 */
export const queryAjvOptions = { ...ajvOptions, coerceTypes: true } as const;

/** The ajv instance every implementation validates query strings with. */
export function createQueryAjv(): Ajv {
  return new Ajv(queryAjvOptions);
}

/** The fields of an ajv error that a message needs (ajv's ErrorObject and Fastify's both fit). */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string | undefined;
}

/**
 * Formats ajv errors the way Fastify's default schemaErrorFormatter does
 * (`body/customer/email must be string`), and also names the offending property of an
 * additionalProperties error, which ajv's message leaves out.
 */
export function formatSchemaErrors(errors: readonly SchemaError[], dataVar: string): string {
  return errors.map((error) => formatSchemaError(error, dataVar)).join(', ');
}

function formatSchemaError(error: SchemaError, dataVar: string): string {
  const text = `${dataVar}${error.instancePath} ${error.message ?? 'is invalid'}`;
  const extra = error.keyword === 'additionalProperties' ? error.params['additionalProperty'] : undefined;
  return typeof extra === 'string' ? `${text}: '${extra}'` : text;
}
