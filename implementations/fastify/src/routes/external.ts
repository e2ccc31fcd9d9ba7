import {
  errorResponseSchema,
  externalQuerySchema,
  externalResponseSchema,
  type ExternalQuery,
  type ExternalResponse,
} from '@lab/contract';
import { createUpstreamClient, type AppOptions } from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { urlValidatorCompiler } from '../url-validation.js';

type ExternalOptions = Pick<AppOptions, 'upstreamUrl' | 'upstreamTimeoutMs' | 'upstreamConnections'>;

export const externalRoutes: FastifyPluginAsync<ExternalOptions> = async (app, options) => {
  const upstream = createUpstreamClient(options);
  app.addHook('onClose', () => upstream.close());
  app.setValidatorCompiler(urlValidatorCompiler);

  app.get<{ Querystring: ExternalQuery; Reply: ExternalResponse }>(
    '/external',
    {
      schema: {
        querystring: externalQuerySchema,
        response: { 200: externalResponseSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema },
      },
    },
    // A failed call throws the contract's 502 or 504, which the error handler answers.
    async (request) => upstream.quote(request.query.delayMs),
  );
};
