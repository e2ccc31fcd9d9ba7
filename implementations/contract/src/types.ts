import type { FromSchema } from 'json-schema-to-ts';
import type {
  createUserRequestSchema,
  echoRequestSchema,
  echoResponseSchema,
  errorResponseSchema,
  externalQuerySchema,
  externalResponseSchema,
  healthResponseSchema,
  protectedQuerySchema,
  protectedResponseSchema,
  uploadResponseSchema,
  upstreamQuoteSchema,
  userListSchema,
  userParamsSchema,
  userSchema,
  usersQuerySchema,
} from './schemas.js';

export type HealthResponse = FromSchema<typeof healthResponseSchema>;
export type EchoRequest = FromSchema<typeof echoRequestSchema>;
export type EchoResponse = FromSchema<typeof echoResponseSchema>;
export type ErrorResponse = FromSchema<typeof errorResponseSchema>;
export type ExternalQuery = FromSchema<typeof externalQuerySchema>;
export type UpstreamQuote = FromSchema<typeof upstreamQuoteSchema>;
export type ExternalResponse = FromSchema<typeof externalResponseSchema>;
/** The query after validation, with the schema's defaults filled in. */
export type ProtectedQuery = Required<FromSchema<typeof protectedQuerySchema>>;
export type ProtectedResponse = FromSchema<typeof protectedResponseSchema>;
export type UploadResponse = FromSchema<typeof uploadResponseSchema>;
export type UploadedFile = UploadResponse['files'][number];
/** The query after validation, with the schema's default limit filled in. */
export type UsersQuery = Required<FromSchema<typeof usersQuerySchema>>;
export type UserParams = FromSchema<typeof userParamsSchema>;
export type User = FromSchema<typeof userSchema>;
export type UserList = FromSchema<typeof userListSchema>;
export type CreateUserRequest = FromSchema<typeof createUserRequestSchema>;
