import type { HealthResponse } from '@lab/contract';
import type { Request, Response } from 'express';

export function health(_req: Request, res: Response<HealthResponse>): void {
  res.json({ status: 'ok' });
}
