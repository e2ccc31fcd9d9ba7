import { echoRequestSchema, echoResponseSchema, errorResponseSchema, type EchoRequest } from '@lab/contract';
import type { FastifyPluginAsync } from 'fastify';

export const echoRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: EchoRequest }>(
    '/echo',
    {
      schema: {
        body: echoRequestSchema,
        // The response schemas make Fastify serialise with fast-json-stringify, not JSON.stringify.
        response: { 200: echoResponseSchema, '4xx': errorResponseSchema },
      },
    },
    async (request) => request.body,
  );
};
