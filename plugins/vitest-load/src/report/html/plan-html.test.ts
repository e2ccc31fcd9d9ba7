import { describe, expect, it } from 'vitest';
import { plansHtml } from './plan-html.ts';

describe('plansHtml', () => {
  const html = plansHtml([
    {
      query: 'SELECT b.id FROM big b WHERE b.n < $1',
      kind: 'generic',
      text: 'Seq Scan on big b  (cost=0.00..934.00 rows=16667 width=4)\n  Filter: (n < $1)',
      flags: [{ kind: 'seq-scan-large-table', message: 'sequential scan over big (about 50,000 rows)' }],
    },
    { query: 'SELECT $1', kind: 'generic', flags: [], error: 'could not determine data type of parameter $1' },
  ]);

  it('puts the flags above a plan that starts open, and the plan text escaped', () => {
    expect(html).toContain(
      '<div class="plan plan-flagged"><ul class="plan-flags"><li class="plan-flag plan-flag-seq-scan-large-table">sequential scan over big (about 50,000 rows)</li></ul><details open>',
    );
    expect(html).toContain(
      '<pre class="plan-text">Seq Scan on big b  (cost=0.00..934.00 rows=16667 width=4)\n  Filter: (n &lt; $1)</pre>',
    );
  });

  it("gives PostgreSQL's reason where a statement has no plan, folded", () => {
    expect(html).toContain(
      '<div class="plan"><details><summary>generic plan of <code>SELECT $1</code></summary><p class="plan-error">no plan: could not determine data type of parameter $1</p>',
    );
  });

  it('draws nothing without plans', () => {
    expect(plansHtml(undefined)).toBe('');
    expect(plansHtml([])).toBe('');
  });
});
