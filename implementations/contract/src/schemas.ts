// The common API contract, written once. Every implementation validates and serialises with these
// objects, and the contract tests check every response against them.
// `as const` keeps the literal types that json-schema-to-ts derives the TypeScript types from.

export const healthResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { type: 'string', const: 'ok' },
  },
} as const;

const addressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['street', 'city', 'postcode', 'country'],
  properties: {
    street: { type: 'string', minLength: 1 },
    city: { type: 'string', minLength: 1 },
    postcode: { type: 'string', minLength: 1 },
    // ISO 3166-1 alpha-2
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
} as const;

const customerSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'email', 'address'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string', minLength: 1 },
    // No `format`: Fastify's ajv loads ajv-formats and a plain ajv does not, so a format would
    // make the two implementations disagree.
    email: { type: 'string', minLength: 3 },
    address: addressSchema,
  },
} as const;

const orderItemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sku', 'name', 'quantity', 'unitPrice'],
  properties: {
    sku: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    quantity: { type: 'integer', minimum: 1 },
    unitPrice: { type: 'number', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** POST /echo: an order document, nested the way real request bodies are. */
export const echoRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'createdAt', 'customer', 'items'],
  properties: {
    id: { type: 'string', minLength: 1 },
    // An ISO 8601 timestamp; no `format`, for the same reason as `email`.
    createdAt: { type: 'string', minLength: 1 },
    customer: customerSchema,
    items: { type: 'array', minItems: 1, maxItems: 2000, items: orderItemSchema },
    notes: { type: 'string' },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

/** POST /echo answers 200 with exactly the validated body. */
export const echoResponseSchema = echoRequestSchema;

/** Every 4xx and 5xx answer has this shape. */
export const errorResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    // The HTTP reason phrase, e.g. "Bad Request".
    error: { type: 'string' },
    // What was wrong; for a schema violation it starts with the field's path, e.g. "body/items/0/quantity".
    message: { type: 'string' },
  },
} as const;
