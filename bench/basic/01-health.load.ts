import { bench } from 'vitest-load';
import { labGate } from '../gate.ts';
import { allImplementations } from '../targets.ts';

// Scenario 01, lightweight: routing and a tiny JSON body, so framework overhead is all there is.
bench.load('01 GET /health', {
  targets: allImplementations,
  request: { method: 'GET', path: '/health' },
  connections: 10,
  warmup: '2s',
  duration: '5s',
  gate: labGate,
});
