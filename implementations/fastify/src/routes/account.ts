import {
  accountSettingsSchema,
  accountSettingsUpdateSchema,
  errorResponseSchema,
  type AccountSettings,
  type AccountSettingsUpdate,
} from '@lab/contract';
import {
  checkAccessToken,
  selectAccountSettings,
  unauthorized,
  updateAccountSettings,
  type AccessTokenKey,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';

const response = { 200: accountSettingsSchema, '4xx': errorResponseSchema, '5xx': errorResponseSchema } as const;

/**
 * Scenario 20: the signed-in user's settings, behind the access token of the login. The hook runs
 * on onRequest, before the body is read. The body goes to the root's validator, which never coerces.
 */
export const accountRoutes: FastifyPluginAsync<{ accessTokenKey: Promise<AccessTokenKey> }> = async (
  app,
  { accessTokenKey },
) => {
  app.decorateRequest('userId', null);
  app.addHook('onRequest', async (request) => {
    const check = await checkAccessToken(request.headers.authorization, await accessTokenKey);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
  });

  app.get<{ Reply: AccountSettings }>('/account/settings', { schema: { response } }, async (request) =>
    selectAccountSettings(app.pg, request.userId!),
  );

  app.patch<{ Body: AccountSettingsUpdate; Reply: AccountSettings }>(
    '/account/settings',
    { schema: { body: accountSettingsUpdateSchema, response } },
    async (request) => updateAccountSettings(app.pg, request.userId!, request.body),
  );
};
