import type { ExternalQuery, ExternalResponse } from '@lab/contract';
import type { UpstreamClient } from '@lab/node-backend';
import type { Request, Response } from 'express';

/** Answers with the upstream's quote; a failed call rejects with the contract's 502 or 504. */
export function external(upstream: UpstreamClient) {
  return async (_req: Request, res: Response<ExternalResponse, { query: ExternalQuery }>): Promise<void> => {
    res.json(await upstream.quote(res.locals.query.delayMs));
  };
}
