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

/** The longest delay GET /external may ask the upstream for. */
export const maxUpstreamDelayMs = 10_000;

/** GET /external?delayMs=N: how long the upstream should take, in whole milliseconds. */
export const externalQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    delayMs: { type: 'integer', minimum: 0, maximum: maxUpstreamDelayMs },
  },
} as const;

/** The upstream's GET /quote takes the query GET /external passes on. */
export const upstreamQuerySchema = externalQuerySchema;

/** The upstream's GET /quote answer: small, deterministic, and saying which delay it waited. */
export const upstreamQuoteSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['delayMs', 'quote'],
  properties: {
    delayMs: { type: 'integer', minimum: 0, maximum: maxUpstreamDelayMs },
    quote: {
      type: 'object',
      additionalProperties: false,
      required: ['symbol', 'price', 'currency'],
      properties: {
        symbol: { type: 'string', minLength: 1 },
        price: { type: 'number' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      },
    },
  },
} as const;

/** GET /external answers 200 with the upstream's body and how long the call took. */
export const externalResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['upstream', 'upstreamMs'],
  properties: {
    upstream: upstreamQuoteSchema,
    // Measured around the whole upstream call, in fractional milliseconds.
    upstreamMs: { type: 'number', minimum: 0 },
  },
} as const;

/** The deepest page GET /protected serves; it keeps every item id a safe integer. */
export const maxProtectedPage = 1_000_000;

/** GET /protected?page=P&pageSize=S, both optional. */
export const protectedQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: maxProtectedPage, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
} as const;

/** GET /protected answers 200 with one page of the authenticated user's items. */
export const protectedResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'page', 'pageSize', 'items'],
  properties: {
    userId: { type: 'integer', minimum: 1 },
    page: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100 },
    items: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          title: { type: 'string' },
        },
      },
    },
  },
} as const;

/** POST /upload answers 200 with what it read of each file part, in the order they came. */
export const uploadResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['files'],
  properties: {
    files: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'filename', 'bytes', 'sha256'],
        properties: {
          // The part's form field name; "" when the part names none.
          field: { type: 'string' },
          // The file name the client gave, without any directory; "" when it gave none.
          filename: { type: 'string' },
          bytes: { type: 'integer', minimum: 0 },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
    },
  },
} as const;

/** The most users GET /users lists at once. */
export const maxUsersLimit = 100;

/** GET /users?limit=N: how many users, from the lowest id up. */
export const usersQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: maxUsersLimit, default: 20 },
  },
} as const;

/**
 * The largest id GET /users/:id accepts. Ids are bigint in the table but numbers in JSON, so
 * beyond this one they could not be told apart.
 */
export const maxUserId = Number.MAX_SAFE_INTEGER;

/** GET /users/:id: the id in the path, a positive integer. */
export const userParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: { type: 'integer', minimum: 1, maximum: maxUserId },
  },
} as const;

/** A row of the users table (fixtures/sql/001_users.sql). */
export const userSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'name', 'country', 'createdAt'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    email: { type: 'string' },
    name: { type: 'string' },
    // ISO 3166-1 alpha-2
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    // The row's created_at as Date#toISOString() writes it: UTC, to the millisecond.
    createdAt: { type: 'string' },
  },
} as const;

/** GET /users answers 200 with the users in ascending id order. */
export const userListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['users'],
  properties: {
    users: { type: 'array', maxItems: maxUsersLimit, items: userSchema },
  },
} as const;

/** POST /users: the new user; the id and creation time are the database's. */
export const createUserRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'name', 'country'],
  properties: {
    // One "@" with something around it, not RFC 5322: no `format`, for the reason given at
    // customerSchema. 254 characters is the longest address SMTP can carry (RFC 5321).
    email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
} as const;
