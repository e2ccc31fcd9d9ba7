import { createDatabasePool, type AppOptions, type DatabasePool } from '@lab/node-backend';
import fastifyPlugin from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The database pool; only in the context that registered the postgres plugin. */
    pg: DatabasePool;
  }
}

type PostgresOptions = Pick<AppOptions, 'databaseUrl' | 'databasePoolSize'> &
  Partial<Pick<AppOptions, 'databasePoolTimeoutMs'>>;

/**
 * Decorates the context that registers it with a pg pool, ended when the app closes. Through
 * fastify-plugin, so that the decoration reaches that context's other plugins rather than
 * staying inside this one; it goes no higher, so only that context holds the pool.
 */
export const postgres = fastifyPlugin<PostgresOptions>(
  async (app, options) => {
    const pool = createDatabasePool(options);
    app.decorate('pg', pool);
    app.addHook('onClose', () => pool.end());
  },
  { name: 'lab-postgres', fastify: '5.x' },
);
