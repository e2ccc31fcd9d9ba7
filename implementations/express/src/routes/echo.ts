import type { EchoRequest, EchoResponse } from '@lab/contract';
import type { Request, Response } from 'express';

type EchoRequestOf = Request<Record<string, string>, EchoResponse, EchoRequest>;

/** Answers with the body as validated by validateBody(echoRequestSchema). */
export function echo(req: EchoRequestOf, res: Response<EchoResponse>): void {
  res.json(req.body);
}
