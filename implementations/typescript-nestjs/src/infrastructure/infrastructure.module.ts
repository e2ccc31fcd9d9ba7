import {
  closeRedisClient,
  createDatabasePool,
  createRedisClient,
  createUpstreamClient,
  importAccessTokenKey,
  requestLogLevel,
  type AppOptions,
  type DatabasePool,
  type RedisClient,
  type UpstreamClient,
} from '@lab/node-backend';
import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { pino } from 'pino';
import type { Platform } from '../platform.js';
import {
  ACCESS_TOKEN_KEY,
  APP_OPTIONS,
  DATABASE_POOL,
  PLATFORM,
  REDIS_CLIENT,
  REQUEST_LOGGER,
  UPSTREAM_CLIENT,
} from './tokens.js';

/** Ends the connections once Nest has closed the HTTP server and in-flight requests are done. */
@Injectable()
class ConnectionsShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_POOL) private readonly pool: DatabasePool,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(UPSTREAM_CLIENT) private readonly upstream: UpstreamClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.end(), this.upstream.close(), closeRedisClient(this.redis)]);
  }
}

/**
 * The connections and settings every feature module injects, made by @lab/contract's own
 * functions so that the same SQL, drivers and clients run as in Express and Fastify. The pool
 * and Redis connect on first use, as there.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(platform: Platform, options: AppOptions): DynamicModule {
    const exported = [
      APP_OPTIONS,
      PLATFORM,
      DATABASE_POOL,
      REDIS_CLIENT,
      UPSTREAM_CLIENT,
      ACCESS_TOKEN_KEY,
      REQUEST_LOGGER,
    ];
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_OPTIONS, useValue: options },
        { provide: PLATFORM, useValue: platform },
        { provide: DATABASE_POOL, useFactory: () => createDatabasePool(options) },
        { provide: REDIS_CLIENT, useFactory: () => createRedisClient(options) },
        { provide: UPSTREAM_CLIENT, useFactory: () => createUpstreamClient(options) },
        // WebCrypto imports keys asynchronously; Nest awaits the factory once, at startup.
        { provide: ACCESS_TOKEN_KEY, useFactory: () => importAccessTokenKey(options.authSecret) },
        {
          provide: REQUEST_LOGGER,
          // Without a destination, pino writes to standard output, as the other implementations' loggers do.
          useFactory: () =>
            options.logDestination
              ? pino({ level: requestLogLevel }, options.logDestination)
              : pino({ level: requestLogLevel }),
        },
        ConnectionsShutdown,
      ],
      exports: exported,
    };
  }
}
