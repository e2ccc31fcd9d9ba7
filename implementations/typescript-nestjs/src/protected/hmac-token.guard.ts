import { checkAuthorization, unauthorized, type AppOptions } from '@lab/node-backend';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../common/authenticated-request.js';
import { APP_OPTIONS } from '../infrastructure/tokens.js';

/** Scenario 06's authentication: a `v1.<userId>.<HMAC>` bearer token under AUTH_SECRET. */
@Injectable()
export class HmacTokenGuard implements CanActivate {
  private readonly secret: string;

  constructor(@Inject(APP_OPTIONS) options: AppOptions) {
    this.secret = options.authSecret;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const check = checkAuthorization(request.headers.authorization, this.secret);
    // The contract's 401 with its Bearer challenge, rather than Nest's 403 for a false.
    if (!check.valid) throw unauthorized(check.message);
    request.userId = check.userId;
    return true;
  }
}
