import { bench } from 'vitest-load';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';
import { mixedTraffic } from '../mixed-traffic.ts';

// Scenario 08, concurrent-mixed: traffic that looks like an API's day, read-heavy with some
// writes, a slow dependency and the odd upload (the mix is in bench/mixed-traffic.ts).
bench.load('08 mixed traffic', {
  ...labSuite,
  targets: targetsServing('08'),
  requests: mixedTraffic(8),
  connections: 20,
});
