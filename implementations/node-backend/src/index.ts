// What the Node implementations of the lab share beside the contract: the PostgreSQL pool and the
// SQL-first named queries, the Redis client and caches, tokens and sessions, uploads, the upstream
// client and the scenarios' logic, so that Express, Fastify and NestJS run the same SQL through
// the same drivers and differ only in their framework layer.
export * from './listen-options.js';
export * from './app-options.js';
export * from './database.js';
export * from './auth-token.js';
export * from './protected-page.js';
export * from './request-log.js';
export * from './upload.js';
export * from './busboy-upload.js';
export * from './upstream-client.js';
export * from './users.js';
export * from './serve.js';
export * from './redis.js';
export * from './user-cache.js';
export * from './bearer.js';
export * from './password-hash.js';
export * from './access-token.js';
export * from './sessions.js';
export * from './login.js';
export * from './account-settings.js';
export * from './database-scenarios.js';
export * from './flash/index.js';
export * from './resilience/index.js';
