import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { errorMessages, HttpError } from '@lab/contract';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireJson } from './require-json.ts';

describe('requireJson', () => {
  let base = '';
  let close = (): void => {};

  beforeAll(async () => {
    const app = express();
    app.post('/echo', requireJson, (_req, res) => res.status(204).end());
    const answerError: ErrorRequestHandler = (error: HttpError, _req, res, _next) =>
      res.status(error.statusCode).json({ message: error.message });
    app.use(answerError);
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers 415 for a body of another type, with the contract message', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ message: errorMessages.unsupportedMediaType });
  });

  it('lets JSON and a request without a body through', async () => {
    expect(
      (await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }))
        .status,
    ).toBe(204);
    expect((await fetch(`${base}/echo`, { method: 'POST' })).status).toBe(204);
  });
});
