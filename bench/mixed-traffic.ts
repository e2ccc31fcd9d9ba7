import { randomUUID } from 'node:crypto';
import type { LoadSuiteOptions } from 'vitest-load';
import { smallEchoPayload } from '../fixtures/echo-payloads.ts';
import { SEEDED_USERS } from '../fixtures/lab-database.ts';
import { seededRandom } from '../fixtures/seeded-random.ts';
import { multipartUploadBody } from '../fixtures/upload-bodies.ts';
import { appOptionDefaults, issueToken } from '../implementations/node-backend/src/index.ts';

/**
 * Traffic that looks like an API's day (scenario 08, and the soak of scenario 22): read-heavy
 * with some writes, a slow dependency and the odd upload. Weights are per 100 requests. Each
 * call makes its own seeded reads and its own unique emails.
 */
export function mixedTraffic(seed: number): NonNullable<LoadSuiteOptions['requests']> {
  const random = seededRandom(seed);
  const run = randomUUID().slice(0, 8);
  let sequence = 0;
  const upload = multipartUploadBody(16 * 1024);
  return [
    { name: 'health', path: '/health', weight: 5 },
    { name: 'read user', path: () => `/users/${1 + Math.floor(random() * SEEDED_USERS)}`, weight: 40 },
    { name: 'list users', path: '/users?limit=20', weight: 15 },
    {
      name: 'create user',
      method: 'POST',
      path: '/users',
      body: () => ({ email: `mix-${run}-${++sequence}@example.test`, name: 'Mixed Load', country: 'NL' }),
      weight: 5,
    },
    { name: 'echo', method: 'POST', path: '/echo', body: smallEchoPayload(), weight: 10 },
    { name: 'external', path: '/external?delayMs=20', weight: 10 },
    {
      name: 'protected',
      path: '/protected?pageSize=10',
      headers: { authorization: `Bearer ${issueToken(7, appOptionDefaults.authSecret)}` },
      weight: 13,
    },
    {
      name: 'upload',
      method: 'POST',
      path: '/upload',
      headers: { 'content-type': upload.contentType },
      body: upload.body,
      weight: 2,
    },
  ];
}
