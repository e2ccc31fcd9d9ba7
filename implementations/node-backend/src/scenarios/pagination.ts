// Scenario 09: the users table paged with OFFSET/LIMIT and with a cursor (keyset on id). Both
// fetch one row more than the page to know whether there is a next one, so that they do the same
// work apart from how they find the page's first row.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import { toUser, type UserRow } from '../users.js';
import { CursorPage, CursorPageQuery, OffsetPage, OffsetPageQuery } from '@lab/contract/openapi';

/** GET /pagination/offset?page=P&limit=L: page P of L users by ascending id. */
export const offsetPageQuerySchema = OffsetPageQuery;

/** GET /pagination/cursor?after=A&limit=L: the L users after id A (0, the start, when not given). */
export const cursorPageQuerySchema = CursorPageQuery;

/** The offset page, and the number of the next page; null when this is the last. */
export const offsetPageSchema = OffsetPage;

/** The cursor page, and the cursor of the next page (this page's last id); null when this is the last. */
export const cursorPageSchema = CursorPage;

export type OffsetPageQuery = Required<FromSchema<typeof offsetPageQuerySchema>>;
export type CursorPageQuery = Required<FromSchema<typeof cursorPageQuerySchema>>;
export type OffsetPage = FromSchema<typeof offsetPageSchema>;
export type CursorPage = FromSchema<typeof cursorPageSchema>;

/** implementations/sql/pagination.sql. */
export const paginationQueries = loadQueries('pagination', {
  offset: 'pagination_offset',
  cursor: 'pagination_cursor',
});

/** OFFSET/LIMIT: PostgreSQL reads and drops every row before the page. */
export async function selectOffsetPage(pool: DatabasePool, { page, limit }: OffsetPageQuery): Promise<OffsetPage> {
  const { rows } = await pool.query<UserRow>(paginationQueries.offset, [limit + 1, (page - 1) * limit]);
  return { users: rows.slice(0, limit).map(toUser), nextPage: rows.length > limit ? page + 1 : null };
}

/** Keyset: the primary key's index leads straight to the page's first row. */
export async function selectCursorPage(pool: DatabasePool, { after, limit }: CursorPageQuery): Promise<CursorPage> {
  const { rows } = await pool.query<UserRow>(paginationQueries.cursor, [after, limit + 1]);
  const users = rows.slice(0, limit).map(toUser);
  return { users, nextAfter: rows.length > limit ? users[users.length - 1]!.id : null };
}
