import { bench } from 'vitest-load';
import { largeEchoPayload, smallEchoPayload } from '../../fixtures/echo-payloads.ts';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 02, json-payload: parse, validate against the contract's schema and serialise back
// a realistic nested order document, small (~1 KB) and large (~100 KB).

bench.load('02 POST /echo small', {
  ...labSuite,
  targets: targetsServing('02'),
  request: { method: 'POST', path: '/echo', body: smallEchoPayload() },
  connections: 10,
});

bench.load('02 POST /echo ~100 KB', {
  ...labSuite,
  targets: targetsServing('02'),
  request: { method: 'POST', path: '/echo', body: largeEchoPayload() },
  connections: 4,
});
