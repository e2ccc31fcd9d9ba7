// Scenario 17's two ways of letting a request in, as middleware that leaves the user id in
// res.locals.userId: a JWT checked by its signature (17b), or a session id looked up in Redis (17c).
import { checkAccessToken, checkSession, unauthorized, type AccessTokenKey, type RedisClient } from '@lab/node-backend';
import type { RequestHandler } from 'express';

/** Lets a request with a valid, unexpired access token (JWT) through. */
export function authenticateJwt(key: Promise<AccessTokenKey>): RequestHandler {
  return async (req, res, next) => {
    const check = await checkAccessToken(req.headers.authorization, await key);
    if (!check.valid) throw unauthorized(check.message);
    res.locals['userId'] = check.userId;
    next();
  };
}

/** Lets a request with the id of a live session through; res.locals.sessionId names the session. */
export function authenticateSession(redis: RedisClient): RequestHandler {
  return async (req, res, next) => {
    const check = await checkSession(redis, req.headers.authorization);
    if (!check.valid) throw unauthorized(check.message);
    res.locals['userId'] = check.userId;
    res.locals['sessionId'] = check.sessionId;
    next();
  };
}
