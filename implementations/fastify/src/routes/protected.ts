import {
  errorResponseSchema,
  protectedQuerySchema,
  protectedResponseSchema,
  type ProtectedQuery,
  type ProtectedResponse,
} from '@lab/contract';
import {
  checkAuthorization,
  protectedPage,
  requestLogLevel,
  requestLogMessage,
  unauthorized,
  type AppOptions,
  type RequestLogFields,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { urlValidatorCompiler } from '../url-validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user on GET /protected; null until authentication succeeds. */
    userId: number | null;
  }
}

/**
 * Scenario 06, a chain of four steps in Fastify's lifecycle: authentication (onRequest hook),
 * request logging (the route's log level turns on the silent app logger for this route only;
 * the line is written in onResponse), validation (the route's querystring schema), the handler.
 */
export const protectedRoutes: FastifyPluginAsync<Pick<AppOptions, 'authSecret'>> = async (app, { authSecret }) => {
  app.decorateRequest('userId', null);
  app.setValidatorCompiler(urlValidatorCompiler);

  app.addHook('onRequest', async (request) => {
    const check = checkAuthorization(request.headers.authorization, authSecret);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
  });

  app.addHook('onResponse', async (request, reply) => {
    // Logging comes after authentication in the chain, so a refused request is not logged.
    if (request.userId === null) return;
    const fields: RequestLogFields = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
      userId: request.userId,
    };
    request.log[requestLogLevel](fields, requestLogMessage);
  });

  app.get<{ Querystring: ProtectedQuery; Reply: ProtectedResponse }>(
    '/protected',
    {
      logLevel: requestLogLevel,
      schema: {
        querystring: protectedQuerySchema,
        response: { 200: protectedResponseSchema, '4xx': errorResponseSchema },
      },
    },
    // The onRequest hook has set userId, or refused the request before it got here.
    async (request) => protectedPage(request.userId!, request.query),
  );
};
