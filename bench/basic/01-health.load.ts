import { bench } from 'vitest-load';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 01, lightweight: routing and a tiny JSON body, so framework overhead is all there is.
bench.load('01 GET /health', {
  ...labSuite,
  targets: targetsServing('01'),
  request: { method: 'GET', path: '/health' },
  connections: 10,
});
