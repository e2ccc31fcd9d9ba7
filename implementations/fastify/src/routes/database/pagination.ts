import {
  cursorPageQuerySchema,
  cursorPageSchema,
  offsetPageQuerySchema,
  offsetPageSchema,
  selectCursorPage,
  selectOffsetPage,
  type CursorPage,
  type CursorPageQuery,
  type OffsetPage,
  type OffsetPageQuery,
} from '@lab/node-backend';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from './error-responses.js';

/** Scenario 09: GET /pagination/offset and GET /pagination/cursor. */
export const paginationRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: OffsetPageQuery; Reply: OffsetPage }>(
    '/pagination/offset',
    { schema: { querystring: offsetPageQuerySchema, response: { 200: offsetPageSchema, ...errorResponses } } },
    async (request) => selectOffsetPage(app.pg, request.query),
  );
  app.get<{ Querystring: CursorPageQuery; Reply: CursorPage }>(
    '/pagination/cursor',
    { schema: { querystring: cursorPageQuerySchema, response: { 200: cursorPageSchema, ...errorResponses } } },
    async (request) => selectCursorPage(app.pg, request.query),
  );
};
