// Scenario 18: COUNT, GROUP BY country and JOIN + GROUP BY author, over the same 200,000 posts
// stored twice: once without and once with the indexes these queries need
// (fixtures/sql/018_aggregation.sql). Both variants run the same SQL against their own table.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { limitProperty, maxPageLimit, pageProperty } from './page-limits.js';

export const aggregationVariantNames = ['unindexed', 'indexed'] as const;
export type AggregationVariantName = (typeof aggregationVariantNames)[number];
export const aggregationNames = ['count', 'by-country', 'by-author'] as const;
export type AggregationName = (typeof aggregationNames)[number];

export function aggregationPath(variant: AggregationVariantName, aggregation: AggregationName): string {
  return `/aggregation/${variant}/${aggregation}`;
}

const countryProperty = { type: 'string', pattern: '^[A-Z]{2}$' } as const;

/** GET /aggregation/<variant>/count?country=C: how many posts come from country C. */
export const countQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['country'],
  properties: { country: countryProperty },
} as const;

/** GET /aggregation/<variant>/by-country?month=YYYY-MM: posts per country created in that month (UTC). */
export const byCountryQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['month'],
  properties: { month: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } },
} as const;

/** GET /aggregation/<variant>/by-author?page=P&limit=L: posts and likes of page P of L authors. */
export const byAuthorQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { page: pageProperty, limit: limitProperty },
} as const;

export const postCountSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'posts'],
  properties: { country: countryProperty, posts: { type: 'integer', minimum: 0 } },
} as const;

/** Countries with posts in the month, in alphabetical order. */
export const postsByCountrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['month', 'countries'],
  properties: { month: { type: 'string' }, countries: { type: 'array', items: postCountSchema } },
} as const;

/** The page's authors by ascending id, with their number of posts and the sum of those posts' likes. */
export const postsByAuthorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['authors'],
  properties: {
    authors: {
      type: 'array',
      maxItems: maxPageLimit,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'posts', 'likes'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          name: { type: 'string' },
          posts: { type: 'integer', minimum: 0 },
          likes: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

export type CountQuery = FromSchema<typeof countQuerySchema>;
export type ByCountryQuery = FromSchema<typeof byCountryQuerySchema>;
export type ByAuthorQuery = Required<FromSchema<typeof byAuthorQuerySchema>>;
export type PostCount = FromSchema<typeof postCountSchema>;
export type PostsByCountry = FromSchema<typeof postsByCountrySchema>;
export type PostsByAuthor = FromSchema<typeof postsByAuthorSchema>;

const tables: Record<AggregationVariantName, string> = {
  unindexed: 'aggregation_posts_unindexed',
  indexed: 'aggregation_posts_indexed',
};

function queriesFor(table: string) {
  return {
    count: `SELECT count(*)::integer AS posts FROM ${table} WHERE country = $1`,
    byCountry: `SELECT country, count(*)::integer AS posts FROM ${table}
      WHERE created_at >= $1 AND created_at < $2 GROUP BY country ORDER BY country`,
    // LEFT JOIN, so that an author without posts is listed with 0 of each.
    byAuthor: `SELECT a.id, a.name, count(p.author_id)::integer AS posts, coalesce(sum(p.likes), 0)::integer AS likes
      FROM (SELECT id, name FROM authors ORDER BY id LIMIT $1 OFFSET $2) AS a
      LEFT JOIN ${table} AS p ON p.author_id = a.id
      GROUP BY a.id, a.name ORDER BY a.id`,
  } as const;
}

export const aggregationQueries = {
  unindexed: queriesFor(tables.unindexed),
  indexed: queriesFor(tables.indexed),
} as const;

export async function countPosts(pool: DatabasePool, variant: AggregationVariantName, { country }: CountQuery): Promise<PostCount> {
  const { rows } = await pool.query<{ posts: number }>(aggregationQueries[variant].count, [country]);
  return { country, posts: rows[0]!.posts };
}

/** The month's bounds in UTC, whatever the time zone of the database session. */
function monthBounds(month: string): [string, string] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return [new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(), new Date(Date.UTC(year, monthNumber, 1)).toISOString()];
}

export async function postsByCountry(pool: DatabasePool, variant: AggregationVariantName, { month }: ByCountryQuery): Promise<PostsByCountry> {
  const { rows } = await pool.query<PostCount>(aggregationQueries[variant].byCountry, monthBounds(month));
  return { month, countries: rows.map((row) => ({ country: row.country, posts: row.posts })) };
}

export async function postsByAuthor(pool: DatabasePool, variant: AggregationVariantName, { page, limit }: ByAuthorQuery): Promise<PostsByAuthor> {
  const { rows } = await pool.query<PostsByAuthor['authors'][number]>(aggregationQueries[variant].byAuthor, [limit, (page - 1) * limit]);
  return { authors: rows.map((row) => ({ id: row.id, name: row.name, posts: row.posts, likes: row.likes })) };
}
