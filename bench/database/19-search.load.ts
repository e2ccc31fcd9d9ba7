import { bench } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { SEARCH_WORDS, searchWord } from '../../fixtures/seed-articles.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { searchPath, type SearchVariantName } from '../../implementations/contract/src/index.ts';
import { variantSuite } from '../lab.ts';

// Scenario 19: the first 20 articles (by id) of 100,000 that contain a word, with ILIKE
// '%word%' and with full-text search on a GIN index. How often the word occurs decides the
// result, so there are two kinds of word: rare ones (word numbers from 50,000 up, in a
// handful of articles each: ILIKE reads every row to find them) and the ten commonest (in
// thousands of articles: ILIKE finds 20 within the first rows, full-text search collects all
// matches before it sorts them). Both variants of a kind search the same words in order.
const LIMIT = 20;

function words(variant: SearchVariantName, first: number, last: number) {
  const random = seededRandom(19);
  return { request: { path: () => `${searchPath(variant)}?q=${searchWord(first + Math.floor(random() * (last - first)))}&limit=${LIMIT}` } };
}
const RARE = [50_000, SEARCH_WORDS] as const;
const COMMON = [0, 10] as const;

bench.compare('19 search', {
  ...variantSuite,
  variants: {
    'rare word like': words('like', ...RARE),
    'rare word full-text': words('full-text', ...RARE),
    'common word like': words('like', ...COMMON),
    'common word full-text': words('full-text', ...COMMON),
  },
  expect: [
    { faster: 'rare word full-text', than: 'rare word like', by: 1, figure: 'p50' },
    { faster: 'rare word full-text', than: 'rare word like', by: 1, figure: 'p95' },
    { faster: 'common word like', than: 'common word full-text', by: 1, figure: 'p50' },
  ],
  connections: 10,
  beforeLoad: ({ env }) => prepareDatabaseScenarios(env.DATABASE_URL!, ['search']),
});
