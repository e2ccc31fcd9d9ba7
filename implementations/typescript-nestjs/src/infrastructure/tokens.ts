// Injection tokens of what the lab's shared Node logic (@lab/contract) provides: interfaces and
// plain objects, which Nest cannot find by class, so each has a token of its own.

/** The resolved AppOptions (the environment, completed with the contract's defaults). */
export const APP_OPTIONS = Symbol('APP_OPTIONS');
/** The Platform the application runs on. */
export const PLATFORM = Symbol('PLATFORM');
/** The pg pool every /users and /auth statement runs through. */
export const DATABASE_POOL = Symbol('DATABASE_POOL');
/** The ioredis client of the sessions. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
/** The undici client of GET /external. */
export const UPSTREAM_CLIENT = Symbol('UPSTREAM_CLIENT');
/** The WebCrypto key the JWTs are signed and verified with. */
export const ACCESS_TOKEN_KEY = Symbol('ACCESS_TOKEN_KEY');
/** The pino logger of GET /protected's request log. */
export const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');
