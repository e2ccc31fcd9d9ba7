// Scenario 19: articles that contain a word, found with ILIKE '%word%' over title and body (no
// index can help: every row is read) and with full-text search through a GIN index on the
// stored tsvector (fixtures/sql/019_search.sql). Both answer the matches by ascending id.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import { SearchQuery, SearchResults } from '@lab/contract/openapi';

export const searchVariantNames = ['like', 'full-text'] as const;
export type SearchVariantName = (typeof searchVariantNames)[number];

export function searchPath(variant: SearchVariantName): string {
  return `/search/${variant}`;
}

/**
 * GET /search/<variant>?q=WORD&limit=L. One word of letters: nothing in it can be a LIKE wildcard,
 * and a word is what both variants agree on (full-text search also finds other forms of a word,
 * "runs" for "running", which ILIKE does not).
 */
export const searchQuerySchema = SearchQuery;

export const searchResultsSchema = SearchResults;

export type SearchQuery = Required<FromSchema<typeof searchQuerySchema>>;
export type SearchResults = FromSchema<typeof searchResultsSchema>;

/** implementations/sql/search.sql. */
export const searchQueries = loadQueries('search', {
  like: 'search_like',
  'full-text': 'search_full_text',
}) satisfies Record<SearchVariantName, string>;

export async function searchArticles(
  pool: DatabasePool,
  variant: SearchVariantName,
  { q, limit }: SearchQuery,
): Promise<SearchResults> {
  // like matches the pattern in the title and in the body.
  const values = variant === 'like' ? [`%${q}%`, `%${q}%`, limit] : [q, limit];
  const { rows } = await pool.query<{ id: number; title: string }>(searchQueries[variant], values);
  return { articles: rows.map((row) => ({ id: row.id, title: row.title })) };
}
