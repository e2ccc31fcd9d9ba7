// Scenario 09: the seeded users paged by OFFSET/LIMIT and by a cursor on id. Both routes answer
// the same rows for the same page, on every implementation, byte for byte.
import { describe, expect, it } from 'vitest';
import { SEEDED_USERS } from '../../../fixtures/lab-database.ts';
import { seededUsers } from '../../../fixtures/seed-users.ts';
import { type User } from './index.ts';
import { cursorPageSchema, offsetPageSchema, type CursorPage, type OffsetPage } from '../../node-backend/src/index.ts';
import { expectSameError } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';

const seeded: User[] = [...seededUsers(SEEDED_USERS)];
const { targets } = useScenarioTargets(['pagination']);

const offsetPage = (query: string) =>
  expectSameJson<OffsetPage>(targets(), `/pagination/offset${query}`, offsetPageSchema);
const cursorPage = (query: string) =>
  expectSameJson<CursorPage>(targets(), `/pagination/cursor${query}`, cursorPageSchema);

describe('offset and cursor pagination', () => {
  it('answer the first 20 users by id and say where the next page starts when nothing is given', async () => {
    expect(await offsetPage('')).toEqual({ users: seeded.slice(0, 20), nextPage: 2 });
    expect(await cursorPage('')).toEqual({ users: seeded.slice(0, 20), nextAfter: 20 });
  });

  it.each([
    [1, 20],
    [7, 20],
    [2500, 20],
    [3999, 25],
    [3, 100],
    [999, 100],
  ])('answer the same users for page %i of %i, whether by offset or by cursor', async (page, limit) => {
    const byOffset = await offsetPage(`?page=${page}&limit=${limit}`);
    const byCursor = await cursorPage(`?after=${(page - 1) * limit}&limit=${limit}`);
    const expected = seeded.slice((page - 1) * limit, page * limit);
    expect(byOffset).toEqual({ users: expected, nextPage: page + 1 });
    expect(byCursor).toEqual({ users: expected, nextAfter: expected[expected.length - 1]!.id });
  });

  it('lead from one page to the next: the cursor of page 1 opens the same page 2 as the offset', async () => {
    const first = await cursorPage('?limit=50');
    const second = await cursorPage(`?after=${first.nextAfter}&limit=50`);
    expect(second.users).toEqual((await offsetPage('?page=2&limit=50')).users);
  });

  it('answer an empty page with no next one beyond the last user', async () => {
    expect(await offsetPage('?page=1000000&limit=100')).toEqual({ users: [], nextPage: null });
    expect(await cursorPage('?after=9007199254740991')).toEqual({ users: [], nextAfter: null });
  });

  it.each([
    ['offset', 'page=0', 'querystring/page must be >= 1'],
    ['offset', 'page=1000001', 'querystring/page must be <= 1000000'],
    ['offset', 'page=two', 'querystring/page must be integer'],
    ['offset', 'limit=0', 'querystring/limit must be >= 1'],
    ['offset', 'limit=101', 'querystring/limit must be <= 100'],
    ['offset', 'after=20', "querystring must NOT have additional properties: 'after'"],
    ['cursor', 'after=-1', 'querystring/after must be >= 0'],
    ['cursor', 'after=1.5', 'querystring/after must be integer'],
    ['cursor', 'after=9007199254740992', 'querystring/after must be <= 9007199254740991'],
    ['cursor', 'limit=1&limit=2', 'querystring/limit must be integer'],
    ['cursor', 'page=2', "querystring must NOT have additional properties: 'page'"],
  ])('refuse GET /pagination/%s?%s with a 400 naming the field', async (variant, query, message) => {
    await expectSameError(targets(), `/pagination/${variant}?${query}`, {}, 400, message);
  });
});
