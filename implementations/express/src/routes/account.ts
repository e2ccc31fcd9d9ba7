// Scenario 20: the signed-in user's settings, read and changed with the access token of the login.
import { accountSettingsUpdateSchema, type AccountSettings, type AccountSettingsUpdate } from '@lab/contract';
import {
  selectAccountSettings,
  updateAccountSettings,
  type AccessTokenKey,
  type DatabasePool,
} from '@lab/node-backend';
import { Router, type Request, type Response } from 'express';
import { authenticateJwt } from '../middleware/authenticate-bearer.js';
import { parseJson } from '../middleware/parse-json.js';
import { requireJson } from '../middleware/require-json.js';
import { validateBody } from '../middleware/validate-body.js';

type SettingsResponse = Response<AccountSettings, { userId: number }>;

/** The routes under /account (mounted there). */
export function accountRoutes(pool: DatabasePool, accessTokenKey: Promise<AccessTokenKey>): Router {
  const router = Router({ caseSensitive: true, strict: true });
  const authenticate = authenticateJwt(accessTokenKey);
  router.get('/settings', authenticate, async (_req: Request, res: SettingsResponse) => {
    res.json(await selectAccountSettings(pool, res.locals.userId));
  });
  router.patch(
    '/settings',
    // Authentication first, as Fastify's onRequest hook comes before it reads the body.
    authenticate,
    parseJson,
    requireJson,
    validateBody(accountSettingsUpdateSchema),
    async (req: Request<object, AccountSettings, AccountSettingsUpdate>, res: SettingsResponse) => {
      res.json(await updateAccountSettings(pool, res.locals.userId, req.body));
    },
  );
  return router;
}
