import { bench } from 'vitest-load';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 03, db-read: the driver, the pool and a simple indexed SELECT.

bench.load('03 GET /users?limit=20', {
  ...labSuite,
  targets: targetsServing('03'),
  request: { method: 'GET', path: '/users?limit=20' },
  connections: 10,
});

// Random existing users, so the reads spread over the whole table, and one lookup in ten for
// an id that does not exist, which must be a 404 (and counts as an error if it is not).
const random = seededRandom(3);
bench.load('03 GET /users/{id}', {
  ...labSuite,
  targets: targetsServing('03'),
  requests: [
    { name: 'existing user', path: () => `/users/${1 + Math.floor(random() * SEEDED_USERS)}`, weight: 9 },
    {
      name: 'missing user',
      path: () => `/users/${SEEDED_USERS * 10 + Math.floor(random() * 1000)}`,
      expectStatus: [404],
      weight: 1,
    },
  ],
  connections: 10,
});
