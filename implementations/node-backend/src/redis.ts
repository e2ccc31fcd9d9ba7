// The Redis connection of the cache (scenarios 14-16) and the sessions (17, 20), made here so
// that every implementation talks to Redis through the same client (ioredis) with the same
// settings, as database.ts does for PostgreSQL.
import { Redis } from 'ioredis';
import type { AppOptions } from './app-options.js';

export type RedisClient = Redis;

/** How long connecting to Redis may take before a command that waits for it fails (a 500). */
export const redisConnectTimeoutMs = 5000;

export function createRedisClient({ redisUrl }: Pick<AppOptions, 'redisUrl'>): RedisClient {
  const client = new Redis(redisUrl, {
    // Connected on first use, so an app can be built without a Redis to hand, like the pool.
    lazyConnect: true,
    connectTimeout: redisConnectTimeoutMs,
    // A command waits through one reconnection at most, then fails: a Redis that is down
    // makes a request a 500 at once instead of a request that hangs.
    maxRetriesPerRequest: 1,
  });
  // Unheard, a failed connection would be reported as an "Unhandled error event"; ioredis
  // reconnects by itself, and the commands waiting for it fail as above.
  client.on('error', (error: Error) => console.error('the Redis connection failed:', error.message));
  return client;
}

/** Ends the connection: gracefully (QUIT) when it is open, at once when it never opened. */
export async function closeRedisClient(client: RedisClient): Promise<void> {
  if (client.status === 'ready') {
    await client.quit();
    return;
  }
  client.disconnect();
}
