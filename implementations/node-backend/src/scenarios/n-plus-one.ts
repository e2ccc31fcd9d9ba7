// Scenario 11 (N+1): a page of authors with their posts, loaded three ways that answer the same
// body: lazily (one query for the authors, then one per author, as an ORM's lazy relation does),
// eagerly with a JOIN (one query), and with a second query for every author's posts at once.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import { AuthorsQuery, AuthorsWithPosts } from '@lab/contract/openapi';

/** GET /n-plus-one/<variant>?page=P&limit=L: page P of L authors by ascending id. */
export const authorsQuerySchema = AuthorsQuery;

/** The authors of the page, each with all their posts by ascending id. */
export const authorsWithPostsSchema = AuthorsWithPosts;

export type AuthorsQuery = Required<FromSchema<typeof authorsQuerySchema>>;
export type AuthorsWithPosts = FromSchema<typeof authorsWithPostsSchema>;
type AuthorWithPosts = AuthorsWithPosts['authors'][number];
type Post = AuthorWithPosts['posts'][number];

export const authorVariantNames = ['lazy', 'join', 'in'] as const;
export type AuthorVariantName = (typeof authorVariantNames)[number];

/** The route of a scenario 11 variant. */
export function authorsPath(variant: AuthorVariantName): string {
  return `/n-plus-one/${variant}`;
}

/** implementations/sql/n_plus_one.sql. */
export const authorQueries = loadQueries('n_plus_one', {
  page: 'n_plus_one_page',
  postsOfAuthor: 'n_plus_one_posts_of_author',
  postsOfAuthors: 'n_plus_one_posts_of_authors',
  pageWithPosts: 'n_plus_one_page_with_posts',
});

interface AuthorRow {
  id: number;
  name: string;
}

interface PostRow {
  id: number;
  title: string;
  published_at: Date;
}

function toPost(row: PostRow): Post {
  return { id: row.id, title: row.title, publishedAt: row.published_at.toISOString() };
}

async function selectAuthors(pool: DatabasePool, { page, limit }: AuthorsQuery): Promise<AuthorRow[]> {
  return (await pool.query<AuthorRow>(authorQueries.page, [limit, (page - 1) * limit])).rows;
}

/** 1 + N queries: the authors, then each author's posts, one after the other. */
async function selectLazily(pool: DatabasePool, query: AuthorsQuery): Promise<AuthorsWithPosts> {
  const authors: AuthorWithPosts[] = [];
  for (const { id, name } of await selectAuthors(pool, query)) {
    const { rows } = await pool.query<PostRow>(authorQueries.postsOfAuthor, [id]);
    authors.push({ id, name, posts: rows.map(toPost) });
  }
  return { authors };
}

/** 1 query: the authors' page joined with their posts, one row per post. */
async function selectWithJoin(pool: DatabasePool, { page, limit }: AuthorsQuery): Promise<AuthorsWithPosts> {
  const { rows } = await pool.query<
    AuthorRow & { post_id: number | null; title: string | null; published_at: Date | null }
  >(authorQueries.pageWithPosts, [limit, (page - 1) * limit]);
  const authors: AuthorWithPosts[] = [];
  for (const row of rows) {
    let author = authors[authors.length - 1];
    if (author?.id !== row.id) {
      author = { id: row.id, name: row.name, posts: [] };
      authors.push(author);
    }
    // An author without posts has one row whose post columns are null.
    if (row.post_id !== null)
      author.posts.push(toPost({ id: row.post_id, title: row.title!, published_at: row.published_at! }));
  }
  return { authors };
}

/** 2 queries: the authors, then all their posts with `author_id = ANY($1)` (an IN list). */
async function selectWithIn(pool: DatabasePool, query: AuthorsQuery): Promise<AuthorsWithPosts> {
  const authorRows = await selectAuthors(pool, query);
  const authors = authorRows.map(({ id, name }): AuthorWithPosts => ({ id, name, posts: [] }));
  if (authors.length === 0) return { authors };
  const byId = new Map(authors.map((author) => [author.id, author]));
  const { rows } = await pool.query<PostRow & { author_id: number }>(authorQueries.postsOfAuthors, [
    authorRows.map((author) => author.id),
  ]);
  for (const row of rows) byId.get(row.author_id)?.posts.push(toPost(row));
  return { authors };
}

const loaders: Record<AuthorVariantName, (pool: DatabasePool, query: AuthorsQuery) => Promise<AuthorsWithPosts>> = {
  lazy: selectLazily,
  join: selectWithJoin,
  in: selectWithIn,
};

/** A page of authors with their posts, loaded the variant's way. */
export function selectAuthorsWithPosts(
  pool: DatabasePool,
  variant: AuthorVariantName,
  query: AuthorsQuery,
): Promise<AuthorsWithPosts> {
  return loaders[variant](pool, query);
}
