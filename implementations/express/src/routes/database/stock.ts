import {
  decrementStock,
  resetStockLevels,
  selectStockLevel,
  stockParamsSchema,
  stockStrategyNames,
  type DatabasePool,
  type StockParams,
} from '@lab/node-backend';
import type { Router } from 'express';
import { requireJson } from '../../middleware/require-json.js';
import { validateParams } from '../../middleware/validate-url.js';
import { exactRouter } from './router.js';

/** Scenario 13: POST /stock/:id/decrement/<strategy>, GET /stock/:id and POST /stock/reset. */
/** The POSTs take no body; one that is not JSON is refused with a 415, as for every POST of the API. */
export function stockRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const strategy of stockStrategyNames) {
    router.post(
      `/stock/:id/decrement/${strategy}`,
      requireJson,
      validateParams(stockParamsSchema),
      async (_req, res) => {
        res.json(await decrementStock(pool, strategy, (res.locals['params'] as StockParams).id));
      },
    );
  }
  router.post('/stock/reset', requireJson, async (_req, res) => {
    res.json(await resetStockLevels(pool));
  });
  router.get('/stock/:id', validateParams(stockParamsSchema), async (_req, res) => {
    res.json(await selectStockLevel(pool, (res.locals['params'] as StockParams).id));
  });
  return router;
}
