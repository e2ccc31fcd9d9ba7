// Scenario 19: ILIKE '%word%' and full-text search find the same articles for a word, the ones the
// seed generator put that word in, alike on every implementation.
import { describe, expect, it } from 'vitest';
import { SEEDED_ARTICLES, searchWord, seededArticles, type SeededArticle } from '../../../fixtures/seed-articles.ts';
import {
  searchPath,
  searchResultsSchema,
  searchVariantNames,
  type SearchResults,
} from '../../node-backend/src/index.ts';
import { expectSameError } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';

const articles: SeededArticle[] = [...seededArticles(SEEDED_ARTICLES)];
const { targets } = useScenarioTargets(['search']);

/** For each word, the seeded articles that contain it, by ascending id, as the search routes answer them. */
function containingEach(words: readonly string[]): Map<string, SearchResults['articles']> {
  const found = new Map(words.map((word) => [word, [] as SearchResults['articles']]));
  for (const article of articles) {
    for (const word of new Set(`${article.title} ${article.body}`.toLowerCase().split(' ')))
      found.get(word)?.push({ id: article.id, title: article.title });
  }
  return found;
}

function containing(word: string): SearchResults['articles'] {
  return containingEach([word]).get(word)!;
}

/** Both variants' answer, each alike on every implementation; they must agree. */
async function search(query: string): Promise<SearchResults> {
  const [like, fullText] = await Promise.all(
    searchVariantNames.map((variant) =>
      expectSameJson<SearchResults>(targets(), `${searchPath(variant)}?${query}`, searchResultsSchema),
    ),
  );
  expect(fullText).toEqual(like);
  return like!;
}

describe('ILIKE and full-text search', () => {
  it('find the first 20 of the many articles with the commonest word', async () => {
    const word = searchWord(0);
    expect(containing(word).length).toBeGreaterThan(10_000);
    expect(await search(`q=${word}`)).toEqual({ articles: containing(word).slice(0, 20) });
  });

  it('find every one of the few articles with a rare word', async () => {
    const words = `${articles[776]!.title} ${articles[776]!.body}`.toLowerCase().split(' ');
    const found = containingEach(words);
    const rarest = words
      .map((word) => ({ word, articles: found.get(word)! }))
      .sort((a, b) => a.articles.length - b.articles.length)[0]!;
    expect(rarest.articles.length).toBeLessThan(100);
    expect(rarest.articles.map((article) => article.id)).toContain(777);
    expect(await search(`q=${rarest.word}&limit=100`)).toEqual({ articles: rarest.articles });
  });

  it('ignore the case of the word', async () => {
    expect(await search(`q=${searchWord(1).toUpperCase()}&limit=5`)).toEqual({
      articles: containing(searchWord(1)).slice(0, 5),
    });
  });

  it('find nothing for a word no article has', async () => {
    expect(await search('q=xylophone')).toEqual({ articles: [] });
  });

  it.each([
    ['', "querystring must have required property 'q'"],
    ['q=a', 'querystring/q must NOT have fewer than 2 characters'],
    ['q=50%25', 'querystring/q must match pattern "^[A-Za-z]+$"'],
    ['q=two%20words', 'querystring/q must match pattern "^[A-Za-z]+$"'],
    ['q=word&limit=0', 'querystring/limit must be >= 1'],
    ['q=word&page=2', "querystring must NOT have additional properties: 'page'"],
  ])('refuse ?%s with a 400 naming the field', async (query, message) => {
    for (const variant of searchVariantNames)
      await expectSameError(targets(), `${searchPath(variant)}?${query}`, {}, 400, message);
  });
});
