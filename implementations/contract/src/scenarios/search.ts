// Scenario 19: articles that contain a word, found with ILIKE '%word%' over title and body (no
// index can help: every row is read) and with full-text search through a GIN index on the
// stored tsvector (fixtures/sql/019_search.sql). Both answer the matches by ascending id.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { limitProperty, maxPageLimit } from './page-limits.js';

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
export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: { q: { type: 'string', minLength: 2, maxLength: 64, pattern: '^[A-Za-z]+$' }, limit: limitProperty },
} as const;

export const searchResultsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['articles'],
  properties: {
    articles: {
      type: 'array',
      maxItems: maxPageLimit,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title'],
        properties: { id: { type: 'integer', minimum: 1 }, title: { type: 'string' } },
      },
    },
  },
} as const;

export type SearchQuery = Required<FromSchema<typeof searchQuerySchema>>;
export type SearchResults = FromSchema<typeof searchResultsSchema>;

export const searchQueries = {
  like: "SELECT id, title FROM articles WHERE title ILIKE $1 OR body ILIKE $1 ORDER BY id LIMIT $2",
  'full-text': "SELECT id, title FROM articles WHERE search @@ plainto_tsquery('english', $1) ORDER BY id LIMIT $2",
} as const satisfies Record<SearchVariantName, string>;

export async function searchArticles(pool: DatabasePool, variant: SearchVariantName, { q, limit }: SearchQuery): Promise<SearchResults> {
  const term = variant === 'like' ? `%${q}%` : q;
  const { rows } = await pool.query<{ id: number; title: string }>(searchQueries[variant], [term, limit]);
  return { articles: rows.map((row) => ({ id: row.id, title: row.title })) };
}
