import {
  holdConnection,
  poolQuerySchema,
  type DatabasePool,
  type PoolQuery,
  type PoolQueryResponse,
} from '@lab/node-backend';
import type { Request, Response, Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from '../database/router.js';

/** GET /pool/query?ms=N: one statement that holds a pooled connection for N ms; an exhausted pool rejects with the contract's 503. */
export function poolRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  router.get(
    '/pool/query',
    validateQuery(poolQuerySchema),
    async (_req: Request, res: Response<PoolQueryResponse, { query: PoolQuery }>) => {
      res.json(await holdConnection(pool, res.locals.query.ms));
    },
  );
  return router;
}
