import { describe, expect, it } from 'vitest';
import { compareStatements, describeStatementGrowth } from './statements-check.ts';

const page = 'SELECT id, name FROM authors ORDER BY id LIMIT $1';
const posts = 'SELECT id, title FROM posts WHERE author_id = $1';

describe('compareStatements', () => {
  it('fails an N+1 that slipped in and names the statement that appeared', () => {
    const verdict = compareStatements(
      { [page]: 1, 'SELECT ... WHERE author_id = ANY($1)': 1 },
      { [page]: 1, [posts]: 20 },
    )!;
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

  it("does not count as grown what the requests cut off in flight at a short load's end could have run", () => {
    // Measured in a one-round CI smoke: 51 answered requests, 10 cut off, each page 21 statements.
    expect(compareStatements({ [page]: 1, [posts]: 20.3 }, { [page]: 1.2, [posts]: 21.7 }, 10 / 51)!.outcome).toBe(
      'same',
    );
  });

  it('still fails an N+1 far beyond what the cut-off requests explain', () => {
    expect(
      compareStatements({ [page]: 1 }, { [page]: 1.2, [posts]: 24 }, 10 / 51)!.grew.map((change) => change.query),
    ).toEqual([posts]);
  });

  it('says nothing when either side was not counted', () => {
    expect(compareStatements(undefined, { [posts]: 1 })).toBeUndefined();
  });
});
