import {
  columnsPath,
  columnsQuerySchema,
  columnVariantNames,
  selectColumnRows,
  type ColumnsQuery,
  type DatabasePool,
} from '@lab/node-backend';
import type { Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from './router.js';

/** Scenario 10: GET /columns/<variant>, one route per table and projection. */
export function columnsRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const variant of columnVariantNames) {
    router.get(columnsPath(variant), validateQuery(columnsQuerySchema), async (_req, res) => {
      res.json(await selectColumnRows(pool, variant, res.locals['query'] as ColumnsQuery));
    });
  }
  return router;
}
