// The common API contract's schemas under the names the implementations use. They are written
// once, in ../openapi.yaml, and generated into ./generated/openapi-schemas.ts (`as const`, which
// keeps the literal types json-schema-to-ts derives the TypeScript types from). Every
// implementation validates and serialises with these objects, and the contract tests check every
// response against the spec.
import {
  CreateUserRequest,
  EchoRequest,
  ErrorResponse,
  ExternalQuery,
  ExternalResponse,
  HealthResponse,
  ProtectedQuery,
  ProtectedResponse,
  UploadResponse,
  UpstreamQuote,
  User,
  UserList,
  UserParams,
  UsersQuery,
} from './generated/openapi-schemas.js';

export const healthResponseSchema = HealthResponse;

/** POST /echo: an order document, nested the way real request bodies are. */
export const echoRequestSchema = EchoRequest;

/** POST /echo answers 200 with exactly the validated body. */
export const echoResponseSchema = EchoRequest;

/** Every 4xx and 5xx answer has this shape. */
export const errorResponseSchema = ErrorResponse;

/** The longest delay GET /external may ask the upstream for. */
export const maxUpstreamDelayMs = ExternalQuery.properties.delayMs.maximum;

/** GET /external?delayMs=N: how long the upstream should take, in whole milliseconds. */
export const externalQuerySchema = ExternalQuery;

/** The upstream's GET /quote takes the query GET /external passes on. */
export const upstreamQuerySchema = ExternalQuery;

/** The upstream's GET /quote answer: small, deterministic, and saying which delay it waited. */
export const upstreamQuoteSchema = UpstreamQuote;

/** GET /external answers 200 with the upstream's body and how long the call took. */
export const externalResponseSchema = ExternalResponse;

/** The deepest page GET /protected serves; it keeps every item id a safe integer. */
export const maxProtectedPage = ProtectedQuery.properties.page.maximum;

/** GET /protected?page=P&pageSize=S, both optional. */
export const protectedQuerySchema = ProtectedQuery;

/** GET /protected answers 200 with one page of the authenticated user's items. */
export const protectedResponseSchema = ProtectedResponse;

/** POST /upload answers 200 with what it read of each file part, in the order they came. */
export const uploadResponseSchema = UploadResponse;

/** The most users GET /users lists at once. */
export const maxUsersLimit = UsersQuery.properties.limit.maximum;

/** GET /users?limit=N: how many users, from the lowest id up. */
export const usersQuerySchema = UsersQuery;

/**
 * The largest id GET /users/:id accepts. Ids are bigint in the table but numbers in JSON, so
 * beyond this one they could not be told apart.
 */
export const maxUserId = UserParams.properties.id.maximum;

/** GET /users/:id: the id in the path, a positive integer. */
export const userParamsSchema = UserParams;

/** A row of the users table (fixtures/sql/001_users.sql). */
export const userSchema = User;

/** GET /users answers 200 with the users in ascending id order. */
export const userListSchema = UserList;

/** POST /users: the new user; the id and creation time are the database's. */
export const createUserRequestSchema = CreateUserRequest;
