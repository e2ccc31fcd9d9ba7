import { ajvOptions, bodyLimitBytes, formatSchemaErrors } from '@lab/contract';
import fastify, { type FastifyInstance } from 'fastify';
import { handleError, handleNotFound } from './errors.js';
import { echoRoutes } from './routes/echo.js';
import { healthRoutes } from './routes/health.js';

/** The common API on Fastify, not yet listening. */
export function buildApp(): FastifyInstance {
  const app = fastify({
    logger: false,
    bodyLimit: bodyLimitBytes,
    ajv: { customOptions: ajvOptions },
    schemaErrorFormatter: (errors, dataVar) => new Error(formatSchemaErrors(errors, dataVar)),
    // Errors raised before routing (a malformed URL) skip setErrorHandler unless routed here.
    frameworkErrors: handleError,
  });
  // The API speaks JSON only: without this, a text/plain body would reach validation as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.register(healthRoutes);
  app.register(echoRoutes);
  return app;
}
