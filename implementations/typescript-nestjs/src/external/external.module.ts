import { externalQuerySchema, type ExternalQuery, type ExternalResponse } from '@lab/contract';
import { type UpstreamClient } from '@lab/node-backend';
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ValidQuery } from '../common/json-schema.pipe.js';
import { UPSTREAM_CLIENT } from '../infrastructure/tokens.js';

@Controller('external')
export class ExternalController {
  constructor(@Inject(UPSTREAM_CLIENT) private readonly upstream: UpstreamClient) {}

  /** The upstream's quote; a failed call rejects with the contract's 502 or 504. */
  @Get()
  quote(@ValidQuery(externalQuerySchema) { delayMs }: ExternalQuery): Promise<ExternalResponse> {
    return this.upstream.quote(delayMs);
  }
}

/** Scenario 05. */
@Module({ controllers: [ExternalController] })
export class ExternalModule {}
