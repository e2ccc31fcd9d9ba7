import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { RequireJsonMiddleware } from '../common/require-json.middleware.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtGuard, SessionGuard } from './bearer.guards.js';

/** Scenario 17. */
@Module({ controllers: [AuthController], providers: [AuthService, JwtGuard, SessionGuard] })
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequireJsonMiddleware).forRoutes({ path: 'auth/login', method: RequestMethod.POST });
  }
}
