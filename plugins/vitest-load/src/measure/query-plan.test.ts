import { describe, expect, it } from 'vitest';
import { flagPlan, LARGE_TABLE_ROWS, planNodes, planRoot, seqScannedTables, type PlanNode } from './query-plan.ts';

// Captured from the embedded PostgreSQL 17 (a table "big" of 50,000 rows, "small" of 100), trimmed of nothing.
const seqScanOnBig = [
  {
    Plan: {
      'Node Type': 'Seq Scan',
      'Parallel Aware': false,
      'Async Capable': false,
      'Relation Name': 'big',
      Schema: 'public',
      Alias: 'big',
      'Startup Cost': 0,
      'Total Cost': 772.5,
      'Plan Rows': 185,
      'Plan Width': 4,
      Output: ['id'],
      Filter: '(big.email = $1)',
    },
  },
];

// EXPLAIN (GENERIC_PLAN, FORMAT JSON) of a join with hash and merge joins disabled.
const nestedLoop = [
  {
    Plan: {
      'Node Type': 'Nested Loop',
      'Parallel Aware': false,
      'Async Capable': false,
      'Join Type': 'Inner',
      'Startup Cost': 0.15,
      'Total Cost': 1364.43,
      'Plan Rows': 16667,
      'Plan Width': 7,
      'Inner Unique': true,
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Parent Relationship': 'Outer',
          'Relation Name': 'big',
          Alias: 'b',
          'Plan Rows': 16667,
          Filter: '(n < $1)',
        },
        {
          'Node Type': 'Memoize',
          'Parent Relationship': 'Inner',
          'Plan Rows': 1,
          'Cache Key': 'b.n',
          Plans: [
            {
              'Node Type': 'Index Scan',
              'Parent Relationship': 'Outer',
              'Index Name': 'small_pkey',
              'Relation Name': 'small',
              Alias: 's',
              'Plan Rows': 1,
              'Index Cond': '(id = b.n)',
            },
          ],
        },
      ],
    },
  },
];

// EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of ORDER BY email with work_mem = 64kB.
const spillingSort = [
  {
    Plan: {
      'Node Type': 'Sort',
      'Plan Rows': 50000,
      'Actual Rows': 50000,
      'Actual Loops': 1,
      'Sort Key': ['email DESC'],
      'Sort Method': 'external merge',
      'Sort Space Used': 648,
      'Sort Space Type': 'Disk',
      'Temp Read Blocks': 162,
      'Temp Written Blocks': 180,
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Parent Relationship': 'Outer',
          'Relation Name': 'big',
          Alias: 'big',
          'Plan Rows': 50000,
          'Actual Rows': 50000,
          'Actual Loops': 1,
        },
      ],
    },
    'Planning Time': 0.252,
    Triggers: [],
    'Execution Time': 117.996,
  },
];

// An Index Only Scan on the primary key: nothing to flag.
const indexOnly = [
  {
    Plan: {
      'Node Type': 'Index Only Scan',
      'Scan Direction': 'Forward',
      'Index Name': 'big_pkey',
      'Relation Name': 'big',
      Alias: 'big',
      'Plan Rows': 1,
      'Index Cond': '(id = $1)',
    },
  },
];

describe('planRoot', () => {
  it('takes the plan out of what EXPLAIN (FORMAT JSON) returns', () => {
    expect(planRoot(seqScanOnBig)['Node Type']).toBe('Seq Scan');
  });

  it('says what is wrong with output that holds no plan', () => {
    expect(() => planRoot([{ Plan: {} }])).toThrow(/no "Plan" with a "Node Type"/);
    expect(() => planRoot('Seq Scan on big')).toThrow(/EXPLAIN \(FORMAT JSON\) output/);
  });
});

describe('planNodes and seqScannedTables', () => {
  it('walk every node, depth first, and name each sequentially scanned table once with its schema', () => {
    expect(planNodes(planRoot(nestedLoop)).map((node) => node['Node Type'])).toEqual([
      'Nested Loop',
      'Seq Scan',
      'Memoize',
      'Index Scan',
    ]);
    expect(seqScannedTables(planRoot(nestedLoop))).toEqual([{ name: 'big' }]);
    expect(seqScannedTables(planRoot(seqScanOnBig))).toEqual([{ schema: 'public', name: 'big' }]);
    expect(seqScannedTables(planRoot(indexOnly))).toEqual([]);
  });
});

describe('flagPlan', () => {
  it('flags a sequential scan over a large table by the table, not by the rows the filter keeps', () => {
    expect(flagPlan(planRoot(seqScanOnBig), { big: 37_080 })).toEqual([
      {
        kind: 'seq-scan-large-table',
        message:
          'sequential scan over big (about 37,080 rows): every call reads the whole table to keep the rows where (big.email = $1); an index on what it filters by would spare that',
      },
    ]);
  });

  it('leaves a sequential scan over a small table, or one of unknown size, alone', () => {
    expect(flagPlan(planRoot(seqScanOnBig), { big: LARGE_TABLE_ROWS - 1 })).toEqual([]);
    expect(flagPlan(planRoot(seqScanOnBig), {})).toEqual([]);
  });

  it('flags a nested loop whose outer side gives many rows, by estimate in a generic plan', () => {
    const flags = flagPlan(planRoot(nestedLoop), { big: 50_000, small: 100 });
    expect(flags.map((flag) => flag.kind)).toEqual(['nested-loop-many-rows', 'seq-scan-large-table']);
    expect(flags[0]!.message).toBe('nested loop over about 16,667 outer rows: its inner side runs once for each');
  });

  it('counts a nested loop over actual rows times loops under ANALYZE', () => {
    const analysed: PlanNode = {
      'Node Type': 'Nested Loop',
      Plans: [
        {
          'Node Type': 'Seq Scan',
          'Parent Relationship': 'Outer',
          'Plan Rows': 10,
          'Actual Rows': 400,
          'Actual Loops': 5,
        },
        { 'Node Type': 'Index Scan', 'Parent Relationship': 'Inner', 'Plan Rows': 1 },
      ],
    };
    expect(flagPlan(analysed, {})).toEqual([
      {
        kind: 'nested-loop-many-rows',
        message: 'nested loop over 2,000 outer rows: its inner side runs once for each',
      },
    ]);
  });

  it('flags a sort that spilled to disk, which only ANALYZE can tell', () => {
    expect(flagPlan(planRoot(spillingSort), { big: 50_000 })).toEqual([
      {
        kind: 'sort-spills-to-disk',
        message: 'sort spilled to disk (external merge, 648 kB): it did not fit in work_mem',
      },
      expect.objectContaining({ kind: 'seq-scan-large-table' }),
    ]);
  });

  it('finds nothing in an index lookup', () => {
    expect(flagPlan(planRoot(indexOnly), { big: 50_000 })).toEqual([]);
  });
});
