import { errorResponseSchema } from '@lab/contract';
import {
  insertKeyedProducts,
  keyedProductsPath,
  keyedProductsRequestSchema,
  keyedProductsResponseSchema,
  uuidVersions,
  type KeyedProductsRequest,
  type KeyedProductsResponse,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';

/** POST /keys/<v4|v7>/products: products inserted under new UUID keys of that version; the body checked by the root's validator, never coerced. */
export const uuidKeysRoutes: FastifyPluginAsync = async (app) => {
  for (const version of uuidVersions) {
    app.post<{ Body: KeyedProductsRequest; Reply: KeyedProductsResponse }>(
      keyedProductsPath(version),
      {
        schema: {
          body: keyedProductsRequestSchema,
          response: { 201: keyedProductsResponseSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await insertKeyedProducts(app.pg, version, request.body)),
    );
  }
};
