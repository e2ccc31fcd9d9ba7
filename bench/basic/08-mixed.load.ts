import { randomUUID } from 'node:crypto';
import { bench } from 'vitest-load';
import { smallEchoPayload } from '../../fixtures/echo-payloads.ts';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { multipartUploadBody } from '../../fixtures/upload-bodies.ts';
import { appOptionDefaults, issueToken } from '../../implementations/contract/src/index.ts';
import { labSuite } from '../lab.ts';

// Scenario 08, concurrent-mixed: traffic that looks like an API's day, read-heavy with some
// writes, a slow dependency and the odd upload. Weights are per 100 requests.
const random = seededRandom(8);
const run = randomUUID().slice(0, 8);
let sequence = 0;
const upload = multipartUploadBody(16 * 1024);

bench.load('08 mixed traffic', {
  ...labSuite,
  requests: [
    { name: 'health', path: '/health', weight: 5 },
    { name: 'read user', path: () => `/users/${1 + Math.floor(random() * SEEDED_USERS)}`, weight: 40 },
    { name: 'list users', path: '/users?limit=20', weight: 15 },
    { name: 'create user', method: 'POST', path: '/users', body: () => ({ email: `mix-${run}-${++sequence}@example.test`, name: 'Mixed Load', country: 'NL' }), weight: 5 },
    { name: 'echo', method: 'POST', path: '/echo', body: smallEchoPayload(), weight: 10 },
    { name: 'external', path: '/external?delayMs=20', weight: 10 },
    { name: 'protected', path: '/protected?pageSize=10', headers: { authorization: `Bearer ${issueToken(7, appOptionDefaults.authSecret)}` }, weight: 13 },
    { name: 'upload', method: 'POST', path: '/upload', headers: { 'content-type': upload.contentType }, body: upload.body, weight: 2 },
  ],
  connections: 20,
});
