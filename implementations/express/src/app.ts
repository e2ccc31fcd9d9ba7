import { echoRequestSchema } from '@lab/contract';
import express, { type Express } from 'express';
import { handleError, handleNotFound } from './middleware/errors.js';
import { parseJson } from './middleware/parse-json.js';
import { requireJson } from './middleware/require-json.js';
import { validateBody } from './middleware/validate-body.js';
import { echo } from './routes/echo.js';
import { health } from './routes/health.js';

/** The common API on Express, not yet listening. */
export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  // The contract has no conditional requests; an ETag would hash every body for no client.
  app.disable('etag');
  // Paths match exactly, as in Fastify: /health/ and /HEALTH are unknown routes.
  app.enable('case sensitive routing');
  app.enable('strict routing');

  app.use(parseJson);
  app.get('/health', health);
  app.post('/echo', requireJson, validateBody(echoRequestSchema), echo);
  app.use(handleNotFound);
  app.use(handleError);
  return app;
}
