import { describe, expect, it } from 'vitest';
import { appOptionDefaults, resolveAppOptions } from './app-options.ts';
import { defaultUploadLimitBytes } from '@lab/contract';

const upstreamUrl = 'http://127.0.0.1:4000';
const databaseUrl = 'postgres://lab:secret@127.0.0.1:5432/lab';
const redisUrl = 'redis://127.0.0.1:6379';
/** What every server needs, so that a test can leave out one setting at a time. */
const required = { UPSTREAM_URL: upstreamUrl, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };

describe('resolveAppOptions', () => {
  it('requires UPSTREAM_URL and says how to set it', () => {
    expect(() => resolveAppOptions({}, { DATABASE_URL: databaseUrl })).toThrow(
      /^UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http/,
    );
  });

  it.each(['localhost:4000', 'https://upstream.example'])(
    'refuses the UPSTREAM_URL %s, which is not an http:// URL',
    (value) => {
      expect(() => resolveAppOptions({}, { ...required, UPSTREAM_URL: value })).toThrow(
        `UPSTREAM_URL must be an http:// URL, got "${value}"`,
      );
    },
  );

  it('requires DATABASE_URL and says how to set it', () => {
    expect(() => resolveAppOptions({}, { UPSTREAM_URL: upstreamUrl })).toThrow(
      /^DATABASE_URL is not set: start the server with DATABASE_URL=postgres:\/\//,
    );
  });

  it.each(['mysql://lab:secret@db/lab', 'lab:secret@localhost/lab'])(
    'refuses the DATABASE_URL %s without repeating it, since it may hold a password',
    (value) => {
      const refusal = () => resolveAppOptions({}, { ...required, DATABASE_URL: value });
      expect(refusal).toThrow('DATABASE_URL must be a postgres:// or postgresql:// URL');
      expect(refusal).not.toThrow(/secret/);
    },
  );

  it('accepts a postgresql:// DATABASE_URL', () => {
    const url = 'postgresql://lab@127.0.0.1/lab';
    expect(resolveAppOptions({}, { ...required, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('requires REDIS_URL and says how to set it', () => {
    expect(() => resolveAppOptions({}, { UPSTREAM_URL: upstreamUrl, DATABASE_URL: databaseUrl })).toThrow(
      /^REDIS_URL is not set: start the server with REDIS_URL=redis:\/\//,
    );
  });

  it.each(['http://127.0.0.1:6379', '127.0.0.1:6379'])(
    'refuses the REDIS_URL %s, which is not a redis:// URL',
    (value) => {
      expect(() => resolveAppOptions({}, { ...required, REDIS_URL: value })).toThrow(
        'REDIS_URL must be a redis:// or rediss:// URL',
      );
    },
  );

  it.each([
    'CACHE_TTL_SECONDS',
    'SESSION_TTL_SECONDS',
    'ACCESS_TOKEN_TTL_SECONDS',
    'DATABASE_POOL_TIMEOUT_MS',
    'BREAKER_RESET_MS',
    'RATE_LIMIT_MAX',
    'RATE_LIMIT_WINDOW_MS',
  ])('refuses %s=0, naming the variable', (name) => {
    expect(() => resolveAppOptions({}, { ...required, [name]: '0' })).toThrow(
      `${name} must be a positive integer, got "0"`,
    );
  });

  it('fills in the defaults for everything else', () => {
    expect(resolveAppOptions({}, required)).toEqual({
      upstreamUrl,
      upstreamTimeoutMs: 5000,
      upstreamConnections: 128,
      authSecret: 'lab-secret',
      uploadLimitBytes: 32 * 1024 * 1024,
      databaseUrl,
      databasePoolSize: 10,
      redisUrl,
      cacheTtlSeconds: 60,
      sessionTtlSeconds: 3600,
      accessTokenTtlSeconds: 900,
      databasePoolTimeoutMs: 5000,
      breakerResetMs: 5000,
      rateLimitMax: 200,
      rateLimitWindowMs: 1000,
    });
    expect(appOptionDefaults.uploadLimitBytes).toBe(defaultUploadLimitBytes);
  });

  it('reads every setting from its environment variable', () => {
    const env = {
      ...required,
      UPSTREAM_TIMEOUT_MS: '250',
      UPSTREAM_CONNECTIONS: '8',
      AUTH_SECRET: 's3cret',
      UPLOAD_LIMIT_BYTES: '1024',
      DATABASE_POOL_SIZE: '4',
      CACHE_TTL_SECONDS: '5',
      SESSION_TTL_SECONDS: '600',
      ACCESS_TOKEN_TTL_SECONDS: '120',
      DATABASE_POOL_TIMEOUT_MS: '50',
      BREAKER_RESET_MS: '500',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_MS: '2000',
    };
    expect(resolveAppOptions({}, env)).toEqual({
      upstreamUrl,
      upstreamTimeoutMs: 250,
      upstreamConnections: 8,
      authSecret: 's3cret',
      uploadLimitBytes: 1024,
      databaseUrl,
      databasePoolSize: 4,
      redisUrl,
      cacheTtlSeconds: 5,
      sessionTtlSeconds: 600,
      accessTokenTtlSeconds: 120,
      databasePoolTimeoutMs: 50,
      breakerResetMs: 500,
      rateLimitMax: 3,
      rateLimitWindowMs: 2000,
    });
  });

  it('prefers the options it is given over the environment, and then does not read it', () => {
    const env = {
      UPSTREAM_URL: 'not a url',
      UPSTREAM_TIMEOUT_MS: 'soon',
      DATABASE_URL: 'not a url either',
      DATABASE_POOL_SIZE: 'many',
      REDIS_URL: 'nor this',
      CACHE_TTL_SECONDS: 'forever',
    };
    const given = {
      upstreamUrl,
      upstreamTimeoutMs: 10,
      databaseUrl,
      databasePoolSize: 3,
      redisUrl,
      cacheTtlSeconds: 2,
    };
    expect(resolveAppOptions(given, env)).toMatchObject(given);
  });

  it.each(['0', '-5', '1.5', '10ms', '1e3'])('refuses UPSTREAM_TIMEOUT_MS=%s, naming the variable', (value) => {
    expect(() => resolveAppOptions({}, { ...required, UPSTREAM_TIMEOUT_MS: value })).toThrow(
      `UPSTREAM_TIMEOUT_MS must be a positive integer, got "${value}"`,
    );
  });

  it.each(['0', 'ten'])('refuses DATABASE_POOL_SIZE=%s, naming the variable', (value) => {
    expect(() => resolveAppOptions({}, { ...required, DATABASE_POOL_SIZE: value })).toThrow(
      `DATABASE_POOL_SIZE must be a positive integer, got "${value}"`,
    );
  });
});
