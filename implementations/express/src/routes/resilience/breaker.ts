import { externalQuerySchema, type ExternalQuery, type ExternalResponse } from '@lab/contract';
import { type BreakerStateResponse, type UpstreamBreaker } from '@lab/node-backend';
import type { Request, Response, Router } from 'express';
import { validateQuery } from '../../middleware/validate-url.js';
import { exactRouter } from '../database/router.js';

/** GET /external/breaker: GET /external through the circuit breaker; GET /external/breaker/state: the circuit. */
export function breakerRouter(breaker: UpstreamBreaker): Router {
  const router = exactRouter();
  // A failed call, or an open circuit, rejects with the contract's 502, 503 or 504.
  router.get(
    '/external/breaker',
    validateQuery(externalQuerySchema),
    async (_req: Request, res: Response<ExternalResponse, { query: ExternalQuery }>) => {
      res.json(await breaker.quote(res.locals.query.delayMs));
    },
  );
  router.get('/external/breaker/state', (_req: Request, res: Response<BreakerStateResponse>) => {
    res.json(breaker.state());
  });
  return router;
}
