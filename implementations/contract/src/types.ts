import type { FromSchema } from 'json-schema-to-ts';
import type {
  echoRequestSchema,
  echoResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
} from './schemas.js';

export type HealthResponse = FromSchema<typeof healthResponseSchema>;
export type EchoRequest = FromSchema<typeof echoRequestSchema>;
export type EchoResponse = FromSchema<typeof echoResponseSchema>;
export type ErrorResponse = FromSchema<typeof errorResponseSchema>;
