import { createAjv, createQueryAjv, formatSchemaErrors, HttpError } from '@lab/contract';
import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import type { Ajv, Schema, ValidateFunction } from 'ajv';

/** What the value is, as Fastify names it in a validation message (`querystring/limit must be <= 100`). */
type Part = 'body' | 'querystring' | 'params';

// One ajv per kind of input: bodies are never coerced, URL values are text coerced to the schema's types.
const bodyAjv: Ajv = createAjv();
const urlAjv: Ajv = createQueryAjv();

/**
 * Validates a value against one of the contract's JSON Schemas with ajv set up as Fastify's, and
 * words a failure as Fastify does, a 400. The contract's schemas are the source of every rule,
 * so a pipe over them takes the place of class-validator DTOs, which would restate them.
 */
export class JsonSchemaPipe implements PipeTransform<unknown, unknown> {
  private readonly validate: ValidateFunction;

  constructor(
    schema: Schema,
    private readonly part: Part,
  ) {
    this.validate = (part === 'body' ? bodyAjv : urlAjv).compile(schema);
  }

  transform(value: unknown): unknown {
    // ajv fills in the schema's defaults and, for URL values, coerces in place.
    if (!this.validate(value)) throw new HttpError(400, formatSchemaErrors(this.validate.errors ?? [], this.part));
    return value;
  }
}

/** The request body, valid against the schema. */
export const ValidBody = (schema: Schema): ParameterDecorator => Body(new JsonSchemaPipe(schema, 'body'));
/** The query string, valid against the schema, numbers coerced and defaults filled in. */
export const ValidQuery = (schema: Schema): ParameterDecorator => Query(new JsonSchemaPipe(schema, 'querystring'));
/** The path parameters, valid against the schema, numbers coerced. */
export const ValidParams = (schema: Schema): ParameterDecorator => Param(new JsonSchemaPipe(schema, 'params'));
