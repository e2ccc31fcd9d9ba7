import { type LoginRequest, type LoginResponse } from '@lab/contract';
import {
  deleteSession,
  logIn,
  type AccessTokenKey,
  type AppOptions,
  type DatabasePool,
  type RedisClient,
} from '@lab/node-backend';
import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKEN_KEY, APP_OPTIONS, DATABASE_POOL, REDIS_CLIENT } from '../infrastructure/tokens.js';

/** Logging in and out through @lab/contract's login (scrypt, jose) and sessions (Redis). */
@Injectable()
export class AuthService {
  constructor(
    @Inject(DATABASE_POOL) private readonly pool: DatabasePool,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(ACCESS_TOKEN_KEY) private readonly accessTokenKey: AccessTokenKey,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  /** A JWT and a new session for the user whose password is right; the contract's 401 otherwise. */
  logIn(credentials: LoginRequest): Promise<LoginResponse> {
    const { accessTokenTtlSeconds, sessionTtlSeconds } = this.options;
    return logIn(
      {
        pool: this.pool,
        redis: this.redis,
        accessTokenKey: this.accessTokenKey,
        accessTokenTtlSeconds,
        sessionTtlSeconds,
      },
      credentials,
    );
  }

  /** Ends the session at once, which a JWT cannot. */
  logOut(sessionId: string): Promise<void> {
    return deleteSession(this.redis, sessionId);
  }
}
