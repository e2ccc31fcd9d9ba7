import { checkAuthorization, unauthorized } from '@lab/node-backend';
import type { RequestHandler } from 'express';

/** Lets a request with a valid bearer token through, with its user id in res.locals.userId. */
export function authenticate(secret: string): RequestHandler {
  return (req, res, next) => {
    const check = checkAuthorization(req.headers.authorization, secret);
    if (!check.valid) {
      next(unauthorized(check.message));
      return;
    }
    res.locals['userId'] = check.userId;
    next();
  };
}
