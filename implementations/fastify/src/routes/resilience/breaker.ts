import {
  errorResponseSchema,
  externalQuerySchema,
  externalResponseSchema,
  type ExternalQuery,
  type ExternalResponse,
} from '@lab/contract';
import {
  breakerStateSchema,
  createUpstreamBreaker,
  createUpstreamClient,
  type AppOptions,
  type BreakerStateResponse,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';

type Options = Pick<AppOptions, 'upstreamUrl' | 'upstreamTimeoutMs' | 'upstreamConnections' | 'breakerResetMs'>;

/**
 * GET /external/breaker: GET /external through the circuit breaker, on an upstream client of this
 * context's own; GET /external/breaker/state: the circuit. Needs the root's URL validator context.
 */
export const breakerRoutes: FastifyPluginAsync<Options> = async (app, options) => {
  const upstream = createUpstreamClient(options);
  const breaker = createUpstreamBreaker(upstream, options);
  app.addHook('onClose', async () => {
    breaker.shutdown();
    await upstream.close();
  });

  app.get<{ Querystring: ExternalQuery; Reply: ExternalResponse }>(
    '/external/breaker',
    {
      schema: {
        querystring: externalQuerySchema,
        response: { 200: externalResponseSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema },
      },
    },
    // A failed call, or an open circuit, throws the contract's 502, 503 or 504.
    async (request) => breaker.quote(request.query.delayMs),
  );
  app.get<{ Reply: BreakerStateResponse }>(
    '/external/breaker/state',
    { schema: { response: { 200: breakerStateSchema } } },
    async () => breaker.state(),
  );
};
