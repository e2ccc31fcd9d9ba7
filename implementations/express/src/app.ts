import {
  createUserRequestSchema,
  echoRequestSchema,
  externalQuerySchema,
  protectedQuerySchema,
  userParamsSchema,
  usersQuerySchema,
} from '@lab/contract';
import {
  createDatabasePool,
  createUpstreamClient,
  closeRedisClient,
  createRedisClient,
  importAccessTokenKey,
  resolveAppOptions,
  type AppOptions,
} from '@lab/node-backend';
import express, { type Express } from 'express';
import { authenticate } from './middleware/authenticate.js';
import { handleError, handleNotFound } from './middleware/errors.js';
import { parseJson } from './middleware/parse-json.js';
import { requestLog } from './middleware/request-log.js';
import { requireJson } from './middleware/require-json.js';
import { requireMultipart } from './middleware/require-multipart.js';
import { validateBody } from './middleware/validate-body.js';
import { validateParams, validateQuery } from './middleware/validate-url.js';
import { echo } from './routes/echo.js';
import { external } from './routes/external.js';
import { health } from './routes/health.js';
import { protectedRoute } from './routes/protected.js';
import { upload } from './routes/upload.js';
import { createUser, getUser, listUsers } from './routes/users.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { cacheRoutes } from './routes/cache.js';
import { databaseScenarioRouters } from './routes/database/index.js';
import { flashRoutes } from './routes/flash/index.js';
import { resilienceRouters } from './routes/resilience/index.js';

export interface ExpressApp {
  /** The request handler, for app.listen() or http.createServer(). */
  app: Express;
  /**
   * Ends the connections the app holds (the database pool, the upstream's keep-alive pool).
   * Express has no shutdown of its own: call this once the server is closed.
   */
  close(): Promise<void>;
}

/** The common API on Express, not yet listening. Options not given are read from the environment. */
export function createApp(given: Partial<AppOptions> = {}): ExpressApp {
  const options = resolveAppOptions(given, process.env);
  const pool = createDatabasePool(options);
  const upstream = createUpstreamClient(options);
  const redis = createRedisClient(options);
  const accessTokenKey = importAccessTokenKey(options.authSecret);
  const app = express();
  app.disable('x-powered-by');
  // The contract has no conditional requests; an ETag would hash every body for no client.
  app.disable('etag');
  // Paths match exactly, as in Fastify: /health/ and /HEALTH are unknown routes.
  app.enable('case sensitive routing');
  app.enable('strict routing');

  // Streams its own body, so it is mounted before the JSON parser could read one.
  app.post('/upload', requireMultipart, upload(options.uploadLimitBytes));
  // Scenarios 14-17 and 20. Their routes that take a body parse it themselves, after
  // authentication, so that a request that is not signed in is refused before its body is read.
  app.use('/cache', cacheRoutes(pool, redis, options.cacheTtlSeconds));
  app.use(
    '/auth',
    authRoutes({
      pool,
      redis,
      accessTokenKey,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
      sessionTtlSeconds: options.sessionTtlSeconds,
    }),
  );
  app.use('/account', accountRoutes(pool, accessTokenKey));
  // The flash-sale application; its routes that take a body parse it themselves, after authentication.
  app.use('/flash', flashRoutes({ pool, redis, accessTokenKey, cacheTtlSeconds: options.cacheTtlSeconds }));
  app.use(parseJson);
  app.get('/health', health);
  app.post('/echo', requireJson, validateBody(echoRequestSchema), echo);
  app.get('/external', validateQuery(externalQuerySchema), external(upstream));
  // Scenario 06's chain, in order: authentication, request logging, validation, the handler.
  app.get(
    '/protected',
    authenticate(options.authSecret),
    requestLog(options.logDestination),
    validateQuery(protectedQuerySchema),
    protectedRoute,
  );
  app.get('/users', validateQuery(usersQuerySchema), listUsers(pool));
  app.get('/users/:id', validateParams(userParamsSchema), getUser(pool));
  app.post('/users', requireJson, validateBody(createUserRequestSchema), createUser(pool));
  app.use(databaseScenarioRouters(pool));
  const resilience = resilienceRouters({ pool, redis, upstream, options });
  app.use(resilience.routers);
  app.use(handleNotFound);
  app.use(handleError);
  return {
    app,
    close: async () => {
      resilience.close();
      await Promise.all([pool.end(), upstream.close(), closeRedisClient(redis)]);
    },
  };
}
