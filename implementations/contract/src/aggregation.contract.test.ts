// Scenario 18: the unindexed and the indexed table give the same counts and sums, alike on every
// implementation, and PostgreSQL uses the indexes for the indexed one and cannot for the other.
import { describe, expect, it } from 'vitest';
import { AGGREGATION_POSTS } from '../../../fixtures/seed-aggregation.ts';
import {
  aggregationPath,
  aggregationQueries,
  aggregationVariantNames,
  postCountSchema,
  postsByAuthorSchema,
  postsByCountrySchema,
  type AggregationName,
  type AggregationVariantName,
  type PostCount,
  type PostsByAuthor,
  type PostsByCountry,
} from '../../node-backend/src/index.ts';
import { expectSameError } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';

const { targets, database } = useScenarioTargets(['aggregation'], { database: true });

const schemas = {
  count: postCountSchema,
  'by-country': postsByCountrySchema,
  'by-author': postsByAuthorSchema,
} as const;

/** The same aggregation from both variants, each alike on every implementation; they must agree. */
async function bothVariants<T>(aggregation: AggregationName, query: string): Promise<T> {
  const [unindexed, indexed] = await Promise.all(
    aggregationVariantNames.map((variant) =>
      expectSameJson<T>(targets(), `${aggregationPath(variant, aggregation)}?${query}`, schemas[aggregation]),
    ),
  );
  expect(indexed).toEqual(unindexed);
  return unindexed!;
}

/** The node types of a statement's plan, outermost first. */
async function planNodes(sql: string, values: unknown[]): Promise<string[]> {
  const { rows } = await database().query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    values,
  );
  const nodes: string[] = [];
  const visit = (node: PlanNode) => {
    const relation = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
    nodes.push(`${node['Node Type']}${relation}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(rows[0]!['QUERY PLAN'][0].Plan);
  return nodes;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

describe('the aggregation variants', () => {
  it('count the posts of a country alike, with or without an index', async () => {
    // Countries repeat every 20 posts, DE 3 times in 20.
    expect(await bothVariants<PostCount>('count', 'country=DE')).toEqual({
      country: 'DE',
      posts: (AGGREGATION_POSTS / 20) * 3,
    });
    expect(await bothVariants<PostCount>('count', 'country=ZZ')).toEqual({ country: 'ZZ', posts: 0 });
  });

  it('group a month of posts by country alike, in alphabetical order, and find none outside 2024', async () => {
    const { countries } = await bothVariants<PostsByCountry>('by-country', 'month=2024-03');
    expect(countries.map((row) => row.country)).toEqual([...countries.map((row) => row.country)].sort());
    const { rows } = await database().query<{ count: string }>(
      "SELECT count(*) FROM aggregation_posts_unindexed WHERE created_at >= '2024-03-01T00:00:00Z' AND created_at < '2024-04-01T00:00:00Z'",
    );
    expect(countries.reduce((sum, row) => sum + row.posts, 0)).toBe(Number(rows[0]!.count));
    expect(await bothVariants<PostsByCountry>('by-country', 'month=2025-01')).toEqual({
      month: '2025-01',
      countries: [],
    });
  });

  it('join a page of authors with their posts alike: 200 posts each and the sum of their likes', async () => {
    const { authors } = await bothVariants<PostsByAuthor>('by-author', 'page=3&limit=20');
    expect(authors.map((author) => author.id)).toEqual(Array.from({ length: 20 }, (_, index) => 41 + index));
    for (const author of authors) expect(author.posts).toBe(AGGREGATION_POSTS / 1000);
    const { rows } = await database().query<{ likes: number }>(
      'SELECT sum(likes)::integer AS likes FROM aggregation_posts_unindexed WHERE author_id = 41',
    );
    expect(authors[0]!.likes).toBe(rows[0]!.likes);
  });

  it.each([
    ['count', ['DE']],
    ['byCountry', ['2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z']],
    ['byAuthor', [20, 40]],
  ] as const)(
    'plan %s with an index on the indexed table and a sequential scan on the other',
    async (query, values) => {
      const plans = Object.fromEntries(
        await Promise.all(
          aggregationVariantNames.map(async (variant: AggregationVariantName) => [
            variant,
            (await planNodes(aggregationQueries[variant][query], [...values])).join(' > '),
          ]),
        ),
      );
      expect(plans['unindexed']).toContain('Seq Scan on aggregation_posts_unindexed');
      expect(plans['indexed']).not.toContain('Seq Scan on aggregation_posts_indexed');
      expect(plans['indexed']).toMatch(
        /Index (Only )?Scan (on aggregation_posts_indexed )?using aggregation_posts_indexed_(country|created_at|author_id)_idx/,
      );
    },
  );

  it.each([
    ['count', '', "querystring must have required property 'country'"],
    ['count', 'country=de', 'querystring/country must match pattern "^[A-Z]{2}$"'],
    ['by-country', 'month=2024-13', 'querystring/month must match pattern "^[0-9]{4}-(0[1-9]|1[0-2])$"'],
    ['by-country', 'month=2024-03&country=DE', "querystring must NOT have additional properties: 'country'"],
    ['by-author', 'limit=101', 'querystring/limit must be <= 100'],
  ] as const)('refuse /%s?%s with a 400 naming the field', async (aggregation, query, message) => {
    for (const variant of aggregationVariantNames)
      await expectSameError(targets(), `${aggregationPath(variant, aggregation)}?${query}`, {}, 400, message);
  });
});
