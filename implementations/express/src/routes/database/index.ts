import type { DatabasePool } from '@lab/node-backend';
import type { Router } from 'express';
import { aggregationRouter } from './aggregation.js';
import { bulkRouter } from './bulk.js';
import { columnsRouter } from './columns.js';
import { nPlusOneRouter } from './n-plus-one.js';
import { paginationRouter } from './pagination.js';
import { searchRouter } from './search.js';
import { stockRouter } from './stock.js';

/** The routes of the database scenarios 09-13, 18 and 19, on the app's pool. */
export function databaseScenarioRouters(pool: DatabasePool): Router[] {
  return [
    paginationRouter,
    columnsRouter,
    nPlusOneRouter,
    bulkRouter,
    stockRouter,
    aggregationRouter,
    searchRouter,
  ].map((router) => router(pool));
}
