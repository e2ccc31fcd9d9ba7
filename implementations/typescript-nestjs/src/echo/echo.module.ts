import { echoRequestSchema, type EchoRequest, type EchoResponse } from '@lab/contract';
import {
  Controller,
  HttpCode,
  Module,
  Post,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { ValidBody } from '../common/json-schema.pipe.js';
import { RequireJsonMiddleware } from '../common/require-json.middleware.js';

@Controller('echo')
export class EchoController {
  /** The order as validated, unchanged. */
  @Post()
  @HttpCode(200)
  echo(@ValidBody(echoRequestSchema) order: EchoRequest): EchoResponse {
    return order;
  }
}

/** Scenario 02. */
@Module({ controllers: [EchoController] })
export class EchoModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequireJsonMiddleware).forRoutes({ path: 'echo', method: RequestMethod.POST });
  }
}
