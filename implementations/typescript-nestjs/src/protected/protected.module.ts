import { protectedQuerySchema, type ProtectedQuery, type ProtectedResponse } from '@lab/contract';
import { protectedPage } from '@lab/node-backend';
import { Controller, Get, Module, UseGuards, UseInterceptors } from '@nestjs/common';
import { AuthenticatedUserId } from '../common/authenticated-request.js';
import { ValidQuery } from '../common/json-schema.pipe.js';
import { HmacTokenGuard } from './hmac-token.guard.js';
import { RequestLogInterceptor } from './request-log.interceptor.js';

@Controller('protected')
export class ProtectedController {
  /** Scenario 06's chain in Nest's request lifecycle: guard, interceptor, pipe, handler. */
  @Get()
  @UseGuards(HmacTokenGuard)
  @UseInterceptors(RequestLogInterceptor)
  page(
    @AuthenticatedUserId() userId: number,
    @ValidQuery(protectedQuerySchema) query: ProtectedQuery,
  ): ProtectedResponse {
    return protectedPage(userId, query);
  }
}

/** Scenario 06. */
@Module({ controllers: [ProtectedController], providers: [HmacTokenGuard, RequestLogInterceptor] })
export class ProtectedModule {}
