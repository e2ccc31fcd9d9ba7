import { ajvOptions, bodyLimitBytes, formatSchemaErrors } from '@lab/contract';
import { resolveAppOptions, type AppOptions } from '@lab/node-backend';
import fastify, { LogController, type FastifyInstance } from 'fastify';
import { handleError, handleNotFound } from './errors.js';
import { echoRoutes } from './routes/echo.js';
import { externalRoutes } from './routes/external.js';
import { healthRoutes } from './routes/health.js';
import { protectedRoutes } from './routes/protected.js';
import { redisScenarioRoutes } from './routes/redis-scenarios.js';
import { uploadRoutes } from './routes/upload.js';
import { usersRoutes } from './routes/users.js';
import { databaseScenarioRoutes } from './routes/database/index.js';
import { flashRoutes } from './routes/flash/index.js';
import { resilienceRoutes } from './routes/resilience/index.js';

/** The common API on Fastify, not yet listening. Options not given are read from the environment. */
export function buildApp(given: Partial<AppOptions> = {}): FastifyInstance {
  const options = resolveAppOptions(given, process.env);
  const app = fastify({
    // Silent everywhere; GET /protected raises its own level, since logging is part of its chain.
    logger: { level: 'silent', ...(options.logDestination && { stream: options.logDestination }) },
    // Fastify's two lines per request are replaced by GET /protected's one line.
    logController: new LogController({ disableRequestLogging: true }),
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
  app.register(externalRoutes, options);
  app.register(protectedRoutes, options);
  app.register(uploadRoutes, options);
  app.register(usersRoutes, options);
  app.register(redisScenarioRoutes, options);
  app.register(databaseScenarioRoutes, options);
  app.register(flashRoutes, options);
  app.register(resilienceRoutes, options);
  return app;
}
