// Scenario 18: COUNT, GROUP BY country and JOIN + GROUP BY author, over the same 200,000 posts
// stored twice: once without and once with the indexes these queries need
// (fixtures/sql/018_aggregation.sql). Both variants run the same SQL against their own table.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import {
  ByAuthorQuery,
  ByCountryQuery,
  CountQuery,
  PostCount,
  PostsByAuthor,
  PostsByCountry,
} from '@lab/contract/openapi';

export const aggregationVariantNames = ['unindexed', 'indexed'] as const;
export type AggregationVariantName = (typeof aggregationVariantNames)[number];
export const aggregationNames = ['count', 'by-country', 'by-author'] as const;
export type AggregationName = (typeof aggregationNames)[number];

export function aggregationPath(variant: AggregationVariantName, aggregation: AggregationName): string {
  return `/aggregation/${variant}/${aggregation}`;
}

/** GET /aggregation/<variant>/count?country=C: how many posts come from country C. */
export const countQuerySchema = CountQuery;

/** GET /aggregation/<variant>/by-country?month=YYYY-MM: posts per country created in that month (UTC). */
export const byCountryQuerySchema = ByCountryQuery;

/** GET /aggregation/<variant>/by-author?page=P&limit=L: posts and likes of page P of L authors. */
export const byAuthorQuerySchema = ByAuthorQuery;

export const postCountSchema = PostCount;

/** Countries with posts in the month, in alphabetical order. */
export const postsByCountrySchema = PostsByCountry;

/** The page's authors by ascending id, with their number of posts and the sum of those posts' likes. */
export const postsByAuthorSchema = PostsByAuthor;

export type CountQuery = FromSchema<typeof countQuerySchema>;
export type ByCountryQuery = FromSchema<typeof byCountryQuerySchema>;
export type ByAuthorQuery = Required<FromSchema<typeof byAuthorQuerySchema>>;
export type PostCount = FromSchema<typeof postCountSchema>;
export type PostsByCountry = FromSchema<typeof postsByCountrySchema>;
export type PostsByAuthor = FromSchema<typeof postsByAuthorSchema>;

/** implementations/sql/aggregation.sql: the same three statements on each variant's table. */
export const aggregationQueries = {
  unindexed: loadQueries('aggregation', {
    count: 'aggregation_count_unindexed',
    byCountry: 'aggregation_by_country_unindexed',
    byAuthor: 'aggregation_by_author_unindexed',
  }),
  indexed: loadQueries('aggregation', {
    count: 'aggregation_count_indexed',
    byCountry: 'aggregation_by_country_indexed',
    byAuthor: 'aggregation_by_author_indexed',
  }),
} as const satisfies Record<AggregationVariantName, unknown>;

export async function countPosts(
  pool: DatabasePool,
  variant: AggregationVariantName,
  { country }: CountQuery,
): Promise<PostCount> {
  const { rows } = await pool.query<{ posts: number }>(aggregationQueries[variant].count, [country]);
  return { country, posts: rows[0]!.posts };
}

/** The month's bounds in UTC, whatever the time zone of the database session. */
function monthBounds(month: string): [string, string] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return [
    new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(),
    new Date(Date.UTC(year, monthNumber, 1)).toISOString(),
  ];
}

export async function postsByCountry(
  pool: DatabasePool,
  variant: AggregationVariantName,
  { month }: ByCountryQuery,
): Promise<PostsByCountry> {
  const { rows } = await pool.query<PostCount>(aggregationQueries[variant].byCountry, monthBounds(month));
  return { month, countries: rows.map((row) => ({ country: row.country, posts: row.posts })) };
}

export async function postsByAuthor(
  pool: DatabasePool,
  variant: AggregationVariantName,
  { page, limit }: ByAuthorQuery,
): Promise<PostsByAuthor> {
  const { rows } = await pool.query<PostsByAuthor['authors'][number]>(aggregationQueries[variant].byAuthor, [
    limit,
    (page - 1) * limit,
  ]);
  return { authors: rows.map((row) => ({ id: row.id, name: row.name, posts: row.posts, likes: row.likes })) };
}
