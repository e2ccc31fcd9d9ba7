import {
  decrementResponseSchema,
  decrementStock,
  resetStockLevels,
  selectStockLevel,
  stockLevelSchema,
  stockLevelsSchema,
  stockParamsSchema,
  stockStrategyNames,
  type DecrementResponse,
  type StockLevel,
  type StockLevels,
  type StockParams,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 13: POST /stock/:id/decrement/<strategy>, GET /stock/:id and POST /stock/reset. */
export const stockRoutes: FastifyPluginAsync = async (app) => {
  for (const strategy of stockStrategyNames) {
    app.post<{ Params: StockParams; Reply: DecrementResponse }>(
      `/stock/:id/decrement/${strategy}`,
      { schema: { params: stockParamsSchema, response: { 200: decrementResponseSchema, ...errorResponses } } },
      async (request) => decrementStock(app.pg, strategy, request.params.id),
    );
  }
  app.post<{ Reply: StockLevels }>(
    '/stock/reset',
    { schema: { response: { 200: stockLevelsSchema, ...errorResponses } } },
    async () => resetStockLevels(app.pg),
  );
  app.get<{ Params: StockParams; Reply: StockLevel }>(
    '/stock/:id',
    { schema: { params: stockParamsSchema, response: { 200: stockLevelSchema, ...errorResponses } } },
    async (request) => selectStockLevel(app.pg, request.params.id),
  );
};
