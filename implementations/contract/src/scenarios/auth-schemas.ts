// Scenarios 17 and 20: logging in, the three ways of being let in (none, a JWT, a server
// session), and the signed-in user's settings. Schemas as in ../schemas.ts, with their types.
import type { FromSchema } from 'json-schema-to-ts';
import { maxUserId, protectedQuerySchema } from '../schemas.js';

/** A session id: 32 random bytes, base64url without padding. */
export const sessionIdPattern = '^[A-Za-z0-9_-]{43}$';

/** POST /auth/login: the credentials of a user who has a password (fixtures/login-users.ts). */
export const loginRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254 },
    // Bounded, since the whole of it goes through the KDF.
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const;

/** POST /auth/login answers 200 with both credentials it issues: a JWT and a session id. */
export const loginResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'tokenType', 'accessToken', 'expiresIn', 'sessionId', 'sessionExpiresIn'],
  properties: {
    userId: { type: 'integer', minimum: 1 },
    tokenType: { type: 'string', const: 'Bearer' },
    // A JWT (HS256) whose `sub` is the user id; stateless, checked by signature alone.
    accessToken: { type: 'string', minLength: 1 },
    // Seconds the access token is valid for.
    expiresIn: { type: 'integer', minimum: 1 },
    // An opaque id of a session kept in Redis; sent as a bearer token too.
    sessionId: { type: 'string', pattern: sessionIdPattern },
    sessionExpiresIn: { type: 'integer', minimum: 1 },
  },
} as const;

/**
 * GET /auth/{jwt,session}/items?page=P&pageSize=S: scenario 06's page of items, for the user the
 * token names. The same query, so that the three variants of 17 differ in authentication alone.
 */
export const authenticatedItemsQuerySchema = protectedQuerySchema;

/** GET /auth/none/items?userId=N&page=P&pageSize=S: the reference, unauthenticated, names its user. */
export const unauthenticatedItemsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['userId'],
  properties: {
    userId: { type: 'integer', minimum: 1, maximum: maxUserId },
    ...protectedQuerySchema.properties,
  },
} as const;

/** The signed-in user's settings (fixtures/sql/020_account_settings.sql). */
export const accountSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'displayName', 'language', 'newsletter', 'version'],
  properties: {
    userId: { type: 'integer', minimum: 1 },
    displayName: { type: 'string', minLength: 1, maxLength: 100 },
    // ISO 639-1, lower case.
    language: { type: 'string', pattern: '^[a-z]{2}$' },
    newsletter: { type: 'boolean' },
    // 1 as seeded, one more with every update.
    version: { type: 'integer', minimum: 1 },
  },
} as const;

/** PATCH /account/settings: the fields to change, at least one. */
export const accountSettingsUpdateSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: 100 },
    language: { type: 'string', pattern: '^[a-z]{2}$' },
    newsletter: { type: 'boolean' },
  },
} as const;

export type LoginRequest = FromSchema<typeof loginRequestSchema>;
export type LoginResponse = FromSchema<typeof loginResponseSchema>;
/** The query after validation, with the schema's defaults filled in. */
export type UnauthenticatedItemsQuery = Required<FromSchema<typeof unauthenticatedItemsQuerySchema>>;
export type AccountSettings = FromSchema<typeof accountSettingsSchema>;
export type AccountSettingsUpdate = FromSchema<typeof accountSettingsUpdateSchema>;

/** The messages of scenarios 17 and 20's errors, beside the contract's own (../errors.ts). */
export const authErrorMessages = {
  wrongCredentials: 'email or password is wrong',
  expiredToken: 'bearer token has expired',
  invalidAccessToken: 'bearer token is not a valid access token',
  unknownSession: 'session does not exist or has expired',
  settingsNotFound: (userId: number) => `settings of user ${userId} do not exist`,
} as const;
