import { describe, expect, it } from 'vitest';
import { compareStatements, describeStatementGrowth } from './statements-check.ts';

const page = 'SELECT id, name FROM authors ORDER BY id LIMIT $1';
const posts = 'SELECT id, title FROM posts WHERE author_id = $1';

describe('compareStatements', () => {
  it('fails an N+1 that slipped in and names the statement that appeared', () => {
    const verdict = compareStatements({ [page]: 1, 'SELECT ... WHERE author_id = ANY($1)': 1 }, { [page]: 1, [posts]: 20 })!;
    expect(verdict.outcome).toBe('more');
    expect(verdict.grew).toEqual([{ query: posts, base: 0, head: 20 }]);
    expect(describeStatementGrowth(verdict)).toContain(`new 20.00 per request: ${posts}`);
  });

  it('takes the wobble of a random mix and of requests cut off at the end for the same count', () => {
    expect(compareStatements({ [page]: 1, [posts]: 0.9 }, { [page]: 1.003, [posts]: 0.93 })!.outcome).toBe('same');
  });

  it('counts a statement run more often per request as grown', () => {
    expect(compareStatements({ [posts]: 1 }, { [posts]: 2 })!.grew).toEqual([{ query: posts, base: 1, head: 2 }]);
  });

  it('says nothing when either side was not counted', () => {
    expect(compareStatements(undefined, { [posts]: 1 })).toBeUndefined();
  });
});
