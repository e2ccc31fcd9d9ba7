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
import { protectedPage } from '@lab/node-backend';
import { Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { AuthenticatedUserId, SessionId } from '../common/authenticated-request.js';
import { ValidBody, ValidQuery } from '../common/json-schema.pipe.js';
import { AuthService } from './auth.service.js';
import { JwtGuard, SessionGuard } from './bearer.guards.js';

/** Scenario 17: logging in, and the same page of items behind no authentication, a JWT or a session. */
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  logIn(@ValidBody(loginRequestSchema) credentials: LoginRequest): Promise<LoginResponse> {
    return this.auth.logIn(credentials);
  }

  /** 17a, the reference: no authentication, the user named in the query. */
  @Get('none/items')
  unauthenticatedItems(
    @ValidQuery(unauthenticatedItemsQuerySchema) { userId, ...page }: UnauthenticatedItemsQuery,
  ): ProtectedResponse {
    return protectedPage(userId, page);
  }

  /** 17b: the JWT's signature and expiry verified on every request. */
  @Get('jwt/items')
  @UseGuards(JwtGuard)
  jwtItems(
    @AuthenticatedUserId() userId: number,
    @ValidQuery(authenticatedItemsQuerySchema) page: ProtectedQuery,
  ): ProtectedResponse {
    return protectedPage(userId, page);
  }

  /** 17c: the session looked up in Redis on every request. */
  @Get('session/items')
  @UseGuards(SessionGuard)
  sessionItems(
    @AuthenticatedUserId() userId: number,
    @ValidQuery(authenticatedItemsQuerySchema) page: ProtectedQuery,
  ): ProtectedResponse {
    return protectedPage(userId, page);
  }

  /** Logging out: 204, and the session id is refused from then on. */
  @Delete('session')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  async logOut(@SessionId() sessionId: string): Promise<void> {
    await this.auth.logOut(sessionId);
  }
}
