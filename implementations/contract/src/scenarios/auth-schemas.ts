// Scenarios 17 and 20: logging in, the three ways of being let in (none, a JWT, a server
// session), and the signed-in user's settings. Schemas as in ../schemas.ts, with their types.
import type { FromSchema } from 'json-schema-to-ts';
import {
  AccountSettings,
  AccountSettingsUpdate,
  LoginRequest,
  LoginResponse,
  ProtectedQuery,
  UnauthenticatedItemsQuery,
} from '../generated/openapi-schemas.js';

/** A session id: 32 random bytes, base64url without padding. */
export const sessionIdPattern = '^[A-Za-z0-9_-]{43}$';

/** POST /auth/login: the credentials of a user who has a password (fixtures/login-users.ts). */
export const loginRequestSchema = LoginRequest;

/** POST /auth/login answers 200 with both credentials it issues: a JWT and a session id. */
export const loginResponseSchema = LoginResponse;

/**
 * GET /auth/{jwt,session}/items?page=P&pageSize=S: scenario 06's page of items, for the user the
 * token names. The same query, so that the three variants of 17 differ in authentication alone.
 */
export const authenticatedItemsQuerySchema = ProtectedQuery;

/** GET /auth/none/items?userId=N&page=P&pageSize=S: the reference, unauthenticated, names its user. */
export const unauthenticatedItemsQuerySchema = UnauthenticatedItemsQuery;

/** The signed-in user's settings (fixtures/sql/020_account_settings.sql). */
export const accountSettingsSchema = AccountSettings;

/** PATCH /account/settings: the fields to change, at least one. */
export const accountSettingsUpdateSchema = AccountSettingsUpdate;

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
