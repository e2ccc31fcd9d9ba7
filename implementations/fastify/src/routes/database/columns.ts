import {
  columnRowsSchema,
  columnsPath,
  columnsQuerySchema,
  columnVariantNames,
  selectColumnRows,
  type ColumnRows,
  type ColumnsQuery,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 10: GET /columns/<variant>, one route per table and projection, each with its row schema. */
export const columnsRoutes: FastifyPluginAsync = async (app) => {
  for (const variant of columnVariantNames) {
    app.get<{ Querystring: ColumnsQuery; Reply: ColumnRows }>(
      columnsPath(variant),
      { schema: { querystring: columnsQuerySchema, response: { 200: columnRowsSchema(variant), ...errorResponses } } },
      async (request) => selectColumnRows(app.pg, variant, request.query),
    );
  }
};
