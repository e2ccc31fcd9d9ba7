// What an implementation is configured with beyond where it listens. Each implementation's
// createApp()/buildApp() takes these as an options object, and reads from the environment only
// what it was not given, so tests pass options and production passes environment variables.
import { defaultUploadLimitBytes } from '@lab/contract';

/** Where a pino logger writes its lines: the same interface as pino's DestinationStream. */
export interface LogDestination {
  write(line: string): void;
}

export interface AppOptions {
  /** UPSTREAM_URL (required): base URL of the slow API that GET /external calls. */
  upstreamUrl: string;
  /** UPSTREAM_TIMEOUT_MS: how long GET /external waits for the upstream before a 504. */
  upstreamTimeoutMs: number;
  /** UPSTREAM_CONNECTIONS: keep-alive connections to the upstream, at most. */
  upstreamConnections: number;
  /** AUTH_SECRET: the HMAC key of GET /protected's bearer tokens. */
  authSecret: string;
  /** UPLOAD_LIMIT_BYTES: the largest file POST /upload accepts. */
  uploadLimitBytes: number;
  /** DATABASE_URL (required): the PostgreSQL the /users routes read and write. */
  databaseUrl: string;
  /** DATABASE_POOL_SIZE: connections to the database, at most. */
  databasePoolSize: number;
  /** REDIS_URL (required): the Redis of the cache (scenarios 14-16) and the sessions (17, 20). */
  redisUrl: string;
  /** CACHE_TTL_SECONDS: how long a user read through the cache stays there. */
  cacheTtlSeconds: number;
  /** SESSION_TTL_SECONDS: how long a session made by POST /auth/login lasts. */
  sessionTtlSeconds: number;
  /** ACCESS_TOKEN_TTL_SECONDS: how long a JWT made by POST /auth/login is valid. */
  accessTokenTtlSeconds: number;
  /** Where GET /protected's request log goes; pino's default, standard output, when not given. */
  logDestination?: LogDestination;
  /** DATABASE_POOL_TIMEOUT_MS: how long a query waits for a connection before its request is a 503 (pool exhausted). */
  databasePoolTimeoutMs: number;
  /** BREAKER_RESET_MS: how long GET /external/breaker's circuit stays open before it tries the upstream again. */
  breakerResetMs: number;
  /** RATE_LIMIT_MAX: requests one client may make per window on the rate-limited routes. */
  rateLimitMax: number;
  /** RATE_LIMIT_WINDOW_MS: the length of that window. */
  rateLimitWindowMs: number;
}

export const appOptionDefaults = {
  upstreamTimeoutMs: 5000,
  upstreamConnections: 128,
  // A development default only: a deployment that matters sets its own AUTH_SECRET.
  authSecret: 'lab-secret',
  uploadLimitBytes: defaultUploadLimitBytes,
  databasePoolSize: 10,
  cacheTtlSeconds: 60,
  sessionTtlSeconds: 3600,
  accessTokenTtlSeconds: 900,
  databasePoolTimeoutMs: 5000,
  breakerResetMs: 5000,
  rateLimitMax: 200,
  rateLimitWindowMs: 1000,
} as const;

/** The given options, completed from the environment and then from the defaults. */
export function resolveAppOptions(given: Partial<AppOptions>, env: NodeJS.ProcessEnv): AppOptions {
  const options: AppOptions = {
    upstreamUrl: given.upstreamUrl ?? readUpstreamUrl(env),
    upstreamTimeoutMs:
      given.upstreamTimeoutMs ?? readPositiveInteger(env, 'UPSTREAM_TIMEOUT_MS', appOptionDefaults.upstreamTimeoutMs),
    upstreamConnections:
      given.upstreamConnections ??
      readPositiveInteger(env, 'UPSTREAM_CONNECTIONS', appOptionDefaults.upstreamConnections),
    authSecret: given.authSecret ?? (env['AUTH_SECRET'] || appOptionDefaults.authSecret),
    uploadLimitBytes:
      given.uploadLimitBytes ?? readPositiveInteger(env, 'UPLOAD_LIMIT_BYTES', appOptionDefaults.uploadLimitBytes),
    databaseUrl: given.databaseUrl ?? readDatabaseUrl(env),
    databasePoolSize:
      given.databasePoolSize ?? readPositiveInteger(env, 'DATABASE_POOL_SIZE', appOptionDefaults.databasePoolSize),
    redisUrl: given.redisUrl ?? readRedisUrl(env),
    cacheTtlSeconds:
      given.cacheTtlSeconds ?? readPositiveInteger(env, 'CACHE_TTL_SECONDS', appOptionDefaults.cacheTtlSeconds),
    sessionTtlSeconds:
      given.sessionTtlSeconds ?? readPositiveInteger(env, 'SESSION_TTL_SECONDS', appOptionDefaults.sessionTtlSeconds),
    accessTokenTtlSeconds:
      given.accessTokenTtlSeconds ??
      readPositiveInteger(env, 'ACCESS_TOKEN_TTL_SECONDS', appOptionDefaults.accessTokenTtlSeconds),
    databasePoolTimeoutMs:
      given.databasePoolTimeoutMs ??
      readPositiveInteger(env, 'DATABASE_POOL_TIMEOUT_MS', appOptionDefaults.databasePoolTimeoutMs),
    breakerResetMs:
      given.breakerResetMs ?? readPositiveInteger(env, 'BREAKER_RESET_MS', appOptionDefaults.breakerResetMs),
    rateLimitMax: given.rateLimitMax ?? readPositiveInteger(env, 'RATE_LIMIT_MAX', appOptionDefaults.rateLimitMax),
    rateLimitWindowMs:
      given.rateLimitWindowMs ?? readPositiveInteger(env, 'RATE_LIMIT_WINDOW_MS', appOptionDefaults.rateLimitWindowMs),
  };
  if (given.logDestination) options.logDestination = given.logDestination;
  return options;
}

function readUpstreamUrl(env: NodeJS.ProcessEnv): string {
  const raw = env['UPSTREAM_URL'];
  if (raw === undefined || raw === '') {
    throw new Error(
      'UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API (implementations/upstream)',
    );
  }
  if (!URL.canParse(raw) || new URL(raw).protocol !== 'http:') {
    throw new Error(`UPSTREAM_URL must be an http:// URL, got "${raw}"`);
  }
  return raw;
}

function readDatabaseUrl(env: NodeJS.ProcessEnv): string {
  const raw = env['DATABASE_URL'];
  if (raw === undefined || raw === '') {
    throw new Error(
      'DATABASE_URL is not set: start the server with DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by fixtures/lab-database.ts',
    );
  }
  // Unlike UPSTREAM_URL, the value is not repeated: it may hold a password.
  if (!URL.canParse(raw) || !['postgres:', 'postgresql:'].includes(new URL(raw).protocol)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return raw;
}

function readRedisUrl(env: NodeJS.ProcessEnv): string {
  const raw = env['REDIS_URL'];
  if (raw === undefined || raw === '') {
    throw new Error(
      'REDIS_URL is not set: start the server with REDIS_URL=redis://<host>:<port> of a Redis it may use as cache and session store',
    );
  }
  // Not repeated either: it may hold a password.
  if (!URL.canParse(raw) || !['redis:', 'rediss:'].includes(new URL(raw).protocol)) {
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  }
  return raw;
}

function readPositiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
