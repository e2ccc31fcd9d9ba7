import type { FromSchema } from 'json-schema-to-ts';
import type {
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
