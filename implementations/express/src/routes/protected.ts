import { type ProtectedQuery, type ProtectedResponse } from '@lab/contract';
import { protectedPage } from '@lab/node-backend';
import type { Request, Response } from 'express';

type ProtectedLocals = { userId: number; query: ProtectedQuery };

/** Answers with the page that authenticate() and validateQuery() have let through. */
export function protectedRoute(_req: Request, res: Response<ProtectedResponse, ProtectedLocals>): void {
  res.json(protectedPage(res.locals.userId, res.locals.query));
}
