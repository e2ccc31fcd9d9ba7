import type { HealthResponse } from '@lab/contract';
import { Controller, Get, Module } from '@nestjs/common';

@Controller('health')
export class HealthController {
  @Get()
  check(): HealthResponse {
    return { status: 'ok' };
  }
}

/** Scenario 01. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
