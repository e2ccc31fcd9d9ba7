import {
  insertKeyedProducts,
  keyedProductsPath,
  keyedProductsRequestSchema,
  uuidVersions,
  type DatabasePool,
  type KeyedProductsRequest,
} from '@lab/node-backend';
import type { Router } from 'express';
import { requireJson } from '../../middleware/require-json.js';
import { validateBody } from '../../middleware/validate-body.js';
import { exactRouter } from '../database/router.js';

/** POST /keys/<v4|v7>/products: products inserted under new UUID keys of that version. */
export function uuidKeysRouter(pool: DatabasePool): Router {
  const router = exactRouter();
  for (const version of uuidVersions) {
    router.post(keyedProductsPath(version), requireJson, validateBody(keyedProductsRequestSchema), async (req, res) => {
      res.status(201).json(await insertKeyedProducts(pool, version, req.body as KeyedProductsRequest));
    });
  }
  return router;
}
