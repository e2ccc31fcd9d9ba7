import { closeRedisClient, createRedisClient, type AppOptions, type RedisClient } from '@lab/node-backend';
import fastifyPlugin from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Redis connection; only in the context that registered the redis plugin. */
    redis: RedisClient;
  }
}

/**
 * Decorates the context that registers it with a Redis connection, ended when the app closes;
 * the counterpart of the postgres plugin, and kept to that context the same way.
 */
export const redis = fastifyPlugin<Pick<AppOptions, 'redisUrl'>>(
  async (app, options) => {
    const client = createRedisClient(options);
    app.decorate('redis', client);
    app.addHook('onClose', () => closeRedisClient(client));
  },
  { name: 'lab-redis', fastify: '5.x' },
);
