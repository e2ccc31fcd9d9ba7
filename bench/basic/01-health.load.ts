import { bench } from 'vitest-load';
import { labSuite } from '../lab.ts';

// Scenario 01, lightweight: routing and a tiny JSON body, so framework overhead is all there is.
bench.load('01 GET /health', {
  ...labSuite,
  request: { method: 'GET', path: '/health' },
  connections: 10,
});
