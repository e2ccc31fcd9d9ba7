import { checkAccessToken, unauthorized, type AccessTokenKey } from '@lab/node-backend';
import type { FastifyInstance } from 'fastify';

/**
 * An onRequest hook that lets a request with a valid access token (JWT) through, with its user
 * in request.userId, as scenario 20's routes do: before the body is read or anything validated.
 */
export function requireAccessToken(app: FastifyInstance, accessTokenKey: Promise<AccessTokenKey>): void {
  app.decorateRequest('userId', null);
  app.addHook('onRequest', async (request) => {
    const check = await checkAccessToken(request.headers.authorization, await accessTokenKey);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
  });
}
