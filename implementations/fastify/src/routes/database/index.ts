import type { AppOptions } from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { postgres } from '../../postgres.js';
import { urlValidatorCompiler } from '../../url-validation.js';
import { aggregationRoutes } from './aggregation.js';
import { bulkRoutes } from './bulk.js';
import { columnsRoutes } from './columns.js';
import { nPlusOneRoutes } from './n-plus-one.js';
import { paginationRoutes } from './pagination.js';
import { searchRoutes } from './search.js';
import { stockRoutes } from './stock.js';

/** The routes whose input is in the URL, coerced from text by the URL validator. */
const urlRoutes: FastifyPluginAsync = async (app) => {
  app.setValidatorCompiler(urlValidatorCompiler);
  for (const routes of [paginationRoutes, columnsRoutes, nPlusOneRoutes, stockRoutes, aggregationRoutes, searchRoutes])
    app.register(routes);
};

/**
 * The database scenarios 09-13, 18 and 19 in a context of their own that holds their pool. The
 * bulk writes take JSON bodies, which the root's validator checks without coercion, so they are
 * registered apart from the routes that read their input from the URL.
 */
export const databaseScenarioRoutes: FastifyPluginAsync<Pick<AppOptions, 'databaseUrl' | 'databasePoolSize'>> = async (
  app,
  options,
) => {
  await app.register(postgres, options);
  app.register(urlRoutes);
  app.register(bulkRoutes);
};
