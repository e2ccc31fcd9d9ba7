// Scenario 11 (N+1): the lazy, JOIN and IN variants answer the same authors with the same posts,
// on every implementation, and send 1 + N, 1 and 2 queries: counted by pg_stat_statements, which
// the lab's PostgreSQL preloads.
import { beforeAll, describe, expect, it } from 'vitest';
import { POSTS_PER_AUTHOR, SEEDED_AUTHORS, seededPostAuthor } from '../../../fixtures/seed-authors.ts';
import {
  authorQueries,
  authorsPath,
  authorsWithPostsSchema,
  authorVariantNames,
  type AuthorsWithPosts,
  type AuthorVariantName,
} from '../../node-backend/src/index.ts';
import { expectJson, expectSameError, send } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';

const { names, targets, database } = useScenarioTargets(['n-plus-one'], { database: true });

// Runs after the shared beforeAll (hooks run in order), so the client is open.
beforeAll(async () => {
  try {
    await database().query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await database().query('SELECT count(*) FROM pg_stat_statements');
  } catch (error) {
    throw new Error(
      `The query counts of scenario 11 are read from pg_stat_statements, which the lab's embedded PostgreSQL preloads; a server given by DATABASE_URL needs shared_preload_libraries = 'pg_stat_statements'. (${(error as Error).message})`,
    );
  }
});

const authorsOf = (variant: AuthorVariantName, query = '') =>
  expectSameJson<AuthorsWithPosts>(targets(), `${authorsPath(variant)}${query}`, authorsWithPostsSchema);

/** How often each statement of the scenario has run, by name. */
async function statementCalls(): Promise<Record<keyof typeof authorQueries, number>> {
  const { rows } = await database().query<{ query: string; calls: string }>(
    'SELECT query, calls FROM pg_stat_statements WHERE query = ANY($1::text[])',
    [Object.values(authorQueries)],
  );
  const calls = (text: string) =>
    rows.filter((row) => row.query === text).reduce((sum, row) => sum + Number(row.calls), 0);
  return {
    page: calls(authorQueries.page),
    postsOfAuthor: calls(authorQueries.postsOfAuthor),
    postsOfAuthors: calls(authorQueries.postsOfAuthors),
    pageWithPosts: calls(authorQueries.pageWithPosts),
  };
}

describe('the N+1 variants', () => {
  it.each(['', '?page=3', '?page=10&limit=100', '?page=50'])(
    'answer the same authors with the same posts for %s',
    async (query) => {
      const [lazy, ...others] = await Promise.all(authorVariantNames.map((variant) => authorsOf(variant, query)));
      for (const other of others) expect(other).toEqual(lazy);
    },
  );

  it('answer a page of authors by id, each with all 8 of their own posts by id', async () => {
    const { authors } = await authorsOf('join', '?page=2&limit=20');
    expect(authors.map((author) => author.id)).toEqual(Array.from({ length: 20 }, (_, index) => 21 + index));
    for (const author of authors) {
      expect(author.posts).toHaveLength(POSTS_PER_AUTHOR);
      expect(author.posts.map((post) => seededPostAuthor(post.id))).toEqual(Array(POSTS_PER_AUTHOR).fill(author.id));
      expect(author.posts.map((post) => post.id)).toEqual(
        [...author.posts.map((post) => post.id)].sort((a, b) => a - b),
      );
    }
  });

  it.each(authorVariantNames)('%s answers an empty page beyond the last author', async (variant) => {
    expect(await authorsOf(variant, `?page=${SEEDED_AUTHORS / 20 + 1}`)).toEqual({ authors: [] });
  });

  it.each([
    ['lazy', { page: 1, postsOfAuthor: 20, postsOfAuthors: 0, pageWithPosts: 0 }],
    ['join', { page: 0, postsOfAuthor: 0, postsOfAuthors: 0, pageWithPosts: 1 }],
    ['in', { page: 1, postsOfAuthor: 0, postsOfAuthors: 1, pageWithPosts: 0 }],
  ] as const)('%s sends these queries for a page of 20 authors, on every implementation', async (variant, expected) => {
    for (const name of names) {
      const before = await statementCalls();
      expectJson(await send(targets()[name]!.baseUrl, `${authorsPath(variant)}?page=4`), 200, authorsWithPostsSchema);
      const after = await statementCalls();
      const sent = Object.fromEntries(
        Object.entries(after).map(([key, calls]) => [key, calls - before[key as keyof typeof before]]),
      );
      expect({ name, ...sent }).toEqual({ name, ...expected });
    }
  });

  it.each([
    ['page=0', 'querystring/page must be >= 1'],
    ['limit=101', 'querystring/limit must be <= 100'],
    ['limit=x', 'querystring/limit must be integer'],
    ['include=posts', "querystring must NOT have additional properties: 'include'"],
  ])('refuse ?%s with a 400 naming the field', async (query, message) => {
    for (const variant of authorVariantNames)
      await expectSameError(targets(), `${authorsPath(variant)}?${query}`, {}, 400, message);
  });
});
