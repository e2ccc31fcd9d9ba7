// Scenario 17's two ways of letting a request in: a JWT checked by its signature and expiry
// (17b), or a session id looked up in Redis (17c). Each leaves the user on the request.
import { checkAccessToken, checkSession, unauthorized, type AccessTokenKey, type RedisClient } from '@lab/node-backend';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../common/authenticated-request.js';
import { ACCESS_TOKEN_KEY, REDIS_CLIENT } from '../infrastructure/tokens.js';

/** Lets a request with a valid, unexpired access token (JWT) through. */
@Injectable()
export class JwtGuard implements CanActivate {
  constructor(@Inject(ACCESS_TOKEN_KEY) private readonly key: AccessTokenKey) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const check = await checkAccessToken(request.headers.authorization, this.key);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
    return true;
  }
}

/** Lets a request with the id of a live session through, one GET in Redis per request. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const check = await checkSession(this.redis, request.headers.authorization);
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
    request.sessionId = check.sessionId;
    return true;
  }
}
