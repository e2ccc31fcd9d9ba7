// The flash sale's resilience scenarios: circuit breaker, rate limiting, connection pool, UUID keys.
export * from './upstream-control.js';
export * from './upstream-breaker.js';
export * from './rate-limit.js';
export * from './pool-query.js';
export * from './uuid-keys.js';
