import {
  bulkInsert,
  bulkInsertPath,
  bulkInsertRequestSchema,
  bulkInsertVariantNames,
  bulkUpdate,
  bulkUpdatePath,
  bulkUpdateRequestSchema,
  bulkUpdateVariantNames,
  type BulkInsertRequest,
  type BulkUpdateRequest,
  type DatabasePool,
} from '@lab/node-backend';
import type { Router } from 'express';
import { requireJson } from '../../middleware/require-json.js';
import { validateBody } from '../../middleware/validate-body.js';
import { exactRouter } from './router.js';

/** Scenario 12: POST /bulk/insert/<variant> and POST /bulk/update/<variant>, JSON bodies. */
export function bulkRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const variant of bulkInsertVariantNames) {
    router.post(bulkInsertPath(variant), requireJson, validateBody(bulkInsertRequestSchema), async (req, res) => {
      res.json(await bulkInsert(pool, variant, req.body as BulkInsertRequest));
    });
  }
  for (const variant of bulkUpdateVariantNames) {
    router.post(bulkUpdatePath(variant), requireJson, validateBody(bulkUpdateRequestSchema), async (req, res) => {
      res.json(await bulkUpdate(pool, variant, req.body as BulkUpdateRequest));
    });
  }
  return router;
}
