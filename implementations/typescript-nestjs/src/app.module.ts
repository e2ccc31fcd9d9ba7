import { bodyLimitBytes, errorMessages, HttpError } from '@lab/contract';
import { type AppOptions } from '@lab/node-backend';
import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import express from 'express';
import { AuthModule } from './auth/auth.module.js';
import { ContractExceptionFilter } from './common/contract-exception.filter.js';
import { EchoModule } from './echo/echo.module.js';
import { ExternalModule } from './external/external.module.js';
import { HealthModule } from './health/health.module.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { PLATFORM } from './infrastructure/tokens.js';
import type { Platform } from './platform.js';
import { ProtectedModule } from './protected/protected.module.js';
import { UploadModule } from './upload/upload.module.js';
import { UsersModule } from './users/users.module.js';

/**
 * Express's JSON parser, set to accept what Fastify's accepts: any JSON value (validation then
 * says "body must be object"), and no empty body, which body-parser would turn into `{}`.
 */
const expressJsonBody = express.json({
  limit: bodyLimitBytes,
  strict: false,
  verify: (_request, _response, buffer) => {
    // body-parser keeps this error's status (400) and hands it on to the exception filter.
    if (buffer.length === 0) throw new HttpError(400, errorMessages.emptyJsonBody);
  },
});

/** The common API (scenarios 01-08) and scenario 17, on the platform it is given. */
@Module({})
export class AppModule implements NestModule {
  static forRoot(platform: Platform, options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(platform, options),
        HealthModule,
        EchoModule,
        UsersModule,
        ExternalModule,
        ProtectedModule,
        UploadModule,
        AuthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ContractExceptionFilter }],
    };
  }

  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  configure(consumer: MiddlewareConsumer): void {
    // On Fastify, its own content-type parsers read JSON bodies (createNestApp sets the limit).
    // On Express, Nest's global parsers are off (bodyParser: false) and this one runs instead,
    // on every route but the upload, whose body is refused unread unless it is multipart.
    if (this.platform === 'express') {
      consumer
        .apply(expressJsonBody)
        .exclude({ path: 'upload', method: RequestMethod.POST })
        .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    }
  }
}
