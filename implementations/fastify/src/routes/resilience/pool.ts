import { errorResponseSchema } from '@lab/contract';
import {
  holdConnection,
  poolQueryResponseSchema,
  poolQuerySchema,
  type PoolQuery,
  type PoolQueryResponse,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';

/** GET /pool/query?ms=N: one statement that holds a pooled connection for N ms; an exhausted pool throws the contract's 503. */
export const poolRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: PoolQuery; Reply: PoolQueryResponse }>(
    '/pool/query',
    {
      schema: {
        querystring: poolQuerySchema,
        response: { 200: poolQueryResponseSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema },
      },
    },
    async (request) => holdConnection(app.pg, request.query.ms),
  );
};
