import { bench } from 'vitest-load';
import { appOptionDefaults, issueToken } from '../../implementations/node-backend/src/index.ts';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 06, middleware-chain: HMAC bearer authentication, a pino request log line and query
// validation before the handler, on every request.
bench.load('06 GET /protected', {
  ...labSuite,
  targets: targetsServing('06'),
  request: {
    method: 'GET',
    path: '/protected?page=3&pageSize=20',
    headers: { authorization: `Bearer ${issueToken(42, appOptionDefaults.authSecret)}` },
  },
  connections: 10,
});
