import {
  bulkInsert,
  bulkInsertPath,
  bulkInsertRequestSchema,
  bulkInsertResponseSchema,
  bulkInsertVariantNames,
  bulkUpdate,
  bulkUpdatePath,
  bulkUpdateRequestSchema,
  bulkUpdateResponseSchema,
  bulkUpdateVariantNames,
  type BulkInsertRequest,
  type BulkInsertResponse,
  type BulkUpdateRequest,
  type BulkUpdateResponse,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 12: POST /bulk/insert/<variant> and /bulk/update/<variant>; bodies checked by the root's validator, never coerced. */
export const bulkRoutes: FastifyPluginAsync = async (app) => {
  for (const variant of bulkInsertVariantNames) {
    app.post<{ Body: BulkInsertRequest; Reply: BulkInsertResponse }>(
      bulkInsertPath(variant),
      { schema: { body: bulkInsertRequestSchema, response: { 200: bulkInsertResponseSchema, ...errorResponses } } },
      async (request) => bulkInsert(app.pg, variant, request.body),
    );
  }
  for (const variant of bulkUpdateVariantNames) {
    app.post<{ Body: BulkUpdateRequest; Reply: BulkUpdateResponse }>(
      bulkUpdatePath(variant),
      { schema: { body: bulkUpdateRequestSchema, response: { 200: bulkUpdateResponseSchema, ...errorResponses } } },
      async (request) => bulkUpdate(app.pg, variant, request.body),
    );
  }
};
