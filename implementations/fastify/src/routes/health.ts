import { healthResponseSchema, type HealthResponse } from '@lab/contract';
import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Reply: HealthResponse }>('/health', { schema: { response: { 200: healthResponseSchema } } }, async () => ({
    status: 'ok',
  }));
};
