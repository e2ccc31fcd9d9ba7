import {
  authenticatedItemsQuerySchema,
  errorResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  protectedResponseSchema,
  unauthenticatedItemsQuerySchema,
  type LoginRequest,
  type LoginResponse,
  type ProtectedQuery,
  type ProtectedResponse,
  type UnauthenticatedItemsQuery,
} from '@lab/contract';
import {
  checkAccessToken,
  checkSession,
  deleteSession,
  logIn,
  protectedPage,
  unauthorized,
  type AccessTokenKey,
  type AppOptions,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { urlValidatorCompiler } from '../url-validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session of a request that scenario 17c's hook let in; null otherwise. */
    sessionId: string | null;
  }
}

const errorResponses = { '4xx': errorResponseSchema, '5xx': errorResponseSchema } as const;
const itemsSchema = {
  querystring: authenticatedItemsQuerySchema,
  response: { 200: protectedResponseSchema, ...errorResponses },
} as const;

export type AuthOptions = Pick<AppOptions, 'accessTokenTtlSeconds' | 'sessionTtlSeconds'> & {
  accessTokenKey: Promise<AccessTokenKey>;
};

/** POST /auth/login: a body, so the root's validator, which never coerces. */
const loginRoutes: FastifyPluginAsync<AuthOptions> = async (
  app,
  { accessTokenKey, accessTokenTtlSeconds, sessionTtlSeconds },
) => {
  app.post<{ Body: LoginRequest; Reply: LoginResponse }>(
    '/auth/login',
    { schema: { body: loginRequestSchema, response: { 200: loginResponseSchema, ...errorResponses } } },
    async (request) =>
      logIn(
        {
          pool: app.pg,
          redis: app.redis,
          accessTokenKey: await accessTokenKey,
          accessTokenTtlSeconds,
          sessionTtlSeconds,
        },
        request.body,
      ),
  );
};

/** 17a, the reference: no authentication, the user named in the query. */
const unauthenticatedRoutes: FastifyPluginAsync = async (app) => {
  app.setValidatorCompiler(urlValidatorCompiler);
  app.get<{ Querystring: UnauthenticatedItemsQuery; Reply: ProtectedResponse }>(
    '/auth/none/items',
    {
      schema: {
        querystring: unauthenticatedItemsQuerySchema,
        response: { 200: protectedResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { userId, ...page } = request.query;
      return protectedPage(userId, page);
    },
  );
};

/** 17b: an onRequest hook verifies the JWT's signature and expiry on every request. */
const jwtRoutes: FastifyPluginAsync<Pick<AuthOptions, 'accessTokenKey'>> = async (app, { accessTokenKey }) => {
  app.decorateRequest('userId', null);
  app.setValidatorCompiler(urlValidatorCompiler);
  app.addHook('onRequest', async (request) => {
    const check = await checkAccessToken(request.headers.authorization, await accessTokenKey);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
  });
  app.get<{ Querystring: ProtectedQuery; Reply: ProtectedResponse }>(
    '/auth/jwt/items',
    { schema: itemsSchema },
    async (request) => protectedPage(request.userId!, request.query),
  );
};

/** 17c: an onRequest hook looks the session up in Redis on every request. */
const sessionRoutes: FastifyPluginAsync = async (app) => {
  app.decorateRequest('userId', null);
  app.decorateRequest('sessionId', null);
  app.setValidatorCompiler(urlValidatorCompiler);
  app.addHook('onRequest', async (request) => {
    const check = await checkSession(app.redis, request.headers.authorization);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
    request.sessionId = check.sessionId;
  });
  app.get<{ Querystring: ProtectedQuery; Reply: ProtectedResponse }>(
    '/auth/session/items',
    { schema: itemsSchema },
    async (request) => protectedPage(request.userId!, request.query),
  );
  // Logging out: the session ends at once, which a JWT cannot.
  app.delete('/auth/session', { schema: { response: errorResponses } }, async (request, reply) => {
    await deleteSession(app.redis, request.sessionId!);
    return reply.code(204).send();
  });
};

/** Scenario 17, in a context that has the pg and redis decorations (see redis-scenarios.ts). */
export const authRoutes: FastifyPluginAsync<AuthOptions> = async (app, options) => {
  app.register(loginRoutes, options);
  app.register(unauthenticatedRoutes);
  app.register(jwtRoutes, options);
  app.register(sessionRoutes);
};
