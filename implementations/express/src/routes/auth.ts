// Scenario 17: logging in, and the same page of items behind no authentication, a JWT or a
// server session.
import {
  authenticatedItemsQuerySchema,
  loginRequestSchema,
  unauthenticatedItemsQuerySchema,
  type LoginRequest,
  type LoginResponse,
  type ProtectedQuery,
  type ProtectedResponse,
  type UnauthenticatedItemsQuery,
} from '@lab/contract';
import { deleteSession, logIn, protectedPage, type AccessTokenKey, type LoginDependencies } from '@lab/node-backend';
import { Router, type Request, type Response } from 'express';
import { authenticateJwt, authenticateSession } from '../middleware/authenticate-bearer.js';
import { parseJson } from '../middleware/parse-json.js';
import { requireJson } from '../middleware/require-json.js';
import { validateBody } from '../middleware/validate-body.js';
import { validateQuery } from '../middleware/validate-url.js';

type ItemsResponse = Response<ProtectedResponse, { userId: number; query: ProtectedQuery }>;

function items(_req: Request, res: ItemsResponse): void {
  res.json(protectedPage(res.locals.userId, res.locals.query));
}

/** The routes under /auth (mounted there). */
export interface AuthRouteDependencies extends Omit<LoginDependencies, 'accessTokenKey'> {
  /** Imported once when the app is made; WebCrypto imports keys asynchronously. */
  accessTokenKey: Promise<AccessTokenKey>;
}

export function authRoutes(dependencies: AuthRouteDependencies): Router {
  const { redis, accessTokenKey } = dependencies;
  const router = Router({ caseSensitive: true, strict: true });

  router.post(
    '/login',
    parseJson,
    requireJson,
    validateBody(loginRequestSchema),
    async (req: Request<object, LoginResponse, LoginRequest>, res: Response<LoginResponse>) => {
      res.json(await logIn({ ...dependencies, accessTokenKey: await accessTokenKey }, req.body));
    },
  );

  // 17a, the reference: no authentication, the user named in the query.
  router.get(
    '/none/items',
    validateQuery(unauthenticatedItemsQuerySchema),
    (_req: Request, res: Response<ProtectedResponse, { query: UnauthenticatedItemsQuery }>) => {
      const { userId, ...page } = res.locals.query;
      res.json(protectedPage(userId, page));
    },
  );
  router.get('/jwt/items', authenticateJwt(accessTokenKey), validateQuery(authenticatedItemsQuerySchema), items);
  router.get('/session/items', authenticateSession(redis), validateQuery(authenticatedItemsQuerySchema), items);

  // Logging out: the session ends at once, which a JWT cannot.
  router.delete(
    '/session',
    authenticateSession(redis),
    async (_req: Request, res: Response<never, { sessionId: string }>) => {
      await deleteSession(redis, res.locals.sessionId);
      res.status(204).end();
    },
  );
  return router;
}
