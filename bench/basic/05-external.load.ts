import { bench } from 'vitest-load';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 05, external-api: every request waits 50 ms on the upstream API. With 100
// connections the best case is 100 / 0.05 s = 2,000 requests/s; how close each framework gets,
// and what it adds to the 50 ms, is the measure of its async I/O.
bench.load('05 GET /external (upstream 50 ms)', {
  ...labSuite,
  targets: targetsServing('05'),
  request: { method: 'GET', path: '/external?delayMs=50' },
  connections: 100,
});
