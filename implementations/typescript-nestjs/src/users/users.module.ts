import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { RequireJsonMiddleware } from '../common/require-json.middleware.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/** Scenarios 03 and 04. */
@Module({ controllers: [UsersController], providers: [UsersService] })
export class UsersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequireJsonMiddleware).forRoutes({ path: 'users', method: RequestMethod.POST });
  }
}
