// Scenarios 14-16: a user read straight from PostgreSQL, or cache-aside through Redis. Shared so
// that every implementation runs the same commands through the same client: on a hit one GET;
// on a miss one GET, the database's SELECT and one SET with the TTL. A user that does not exist
// is not cached (its 404 goes to the database every time). A hit is parsed back into a User and
// serialised by the framework as the database's row is, so that 14 and 15 differ only in where
// the user comes from.
import type { DatabasePool } from './database.js';
import type { RedisClient } from './redis.js';
import type { User } from '@lab/contract';
import { selectUser } from './users.js';

/** The Redis key a user is cached under. The version changes when the cached form does. */
export function userCacheKey(id: number): string {
  return `cache:user:v1:${id}`;
}

/** Every key of the user cache, for SCAN ... MATCH. */
export const userCacheKeyPattern = 'cache:user:v1:*';

/** The cached form of a user: its JSON, keys in the order of userSchema. */
export function encodeCachedUser(user: User): string {
  return JSON.stringify(user);
}

export function decodeCachedUser(text: string): User {
  return JSON.parse(text) as User;
}

/** GET /cache/users/{id}/cached: the cached user, or the database's, cached for `ttlSeconds`. */
export async function selectUserThroughCache(
  pool: DatabasePool,
  redis: RedisClient,
  id: number,
  ttlSeconds: number,
): Promise<User> {
  const key = userCacheKey(id);
  const cached = await redis.get(key);
  if (cached !== null) return decodeCachedUser(cached);
  const user = await selectUser(pool, id);
  await redis.set(key, encodeCachedUser(user), 'EX', ttlSeconds);
  return user;
}
