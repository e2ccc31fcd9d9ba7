// The flash sale's rate-limiting scenario: GET /limited/users/:id is GET /users/:id behind a
// per-client limit of RATE_LIMIT_MAX requests per RATE_LIMIT_WINDOW_MS (a fixed window per
// client, counted in Redis so that every instance of a service shares one count). Each
// implementation uses its framework's own limiter (express-rate-limit with rate-limit-redis,
// @fastify/rate-limit with its Redis store); what they answer is fixed here.

/** The header that names the client (an API key, in effect); without it a client is its address. */
export const rateLimitClientHeader = 'x-client-id';

/** The counters' key prefix in Redis, one per implementation so that two on one Redis count apart. */
export function rateLimitKeyPrefix(implementation: string): string {
  return `ratelimit:${implementation}:`;
}

/** A client id that names itself: letters, digits, `.`, `_`, `-`, at most 64 characters; anything else is ignored. */
const clientIdPattern = /^[\w.-]{1,64}$/;

/** The key a request is counted under: its client id when it sends a valid one, else its address. */
export function rateLimitKey(clientId: string | string[] | undefined, address: string): string {
  return typeof clientId === 'string' && clientIdPattern.test(clientId) ? `client:${clientId}` : `address:${address}`;
}

export const rateLimitMessages = {
  exceeded: (max: number, windowMs: number) =>
    `rate limit of ${max} requests per ${windowMs} ms exceeded; retry after the time in retry-after`,
} as const;

export function limitedUserPath(id: number): string {
  return `/limited/users/${id}`;
}
