/**
 * Query plans of a load's costliest statements and what in them is worth a reviewer's look
 * (docs/query-plans.md). The plan is PostgreSQL's `EXPLAIN (FORMAT JSON)` tree; only the fields
 * read here are typed.
 */

/** One node of an `EXPLAIN (FORMAT JSON)` plan, as PostgreSQL 17 names its fields. */
export interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  /** With VERBOSE only: the relation's schema. */
  Schema?: string;
  Alias?: string;
  Filter?: string;
  'Plan Rows'?: number;
  /** EXPLAIN ANALYZE only: rows per loop, and how many loops. */
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  /** EXPLAIN ANALYZE only, on a Sort: "Memory" or "Disk", the method ("external merge") and kB used. */
  'Sort Space Type'?: string;
  'Sort Method'?: string;
  'Sort Space Used'?: number;
  Plans?: PlanNode[];
}

/** What a plan shows that is worth a look, in plain words. */
export interface PlanFlag {
  kind: 'seq-scan-large-table' | 'sort-spills-to-disk' | 'nested-loop-many-rows';
  message: string;
}

/** A statement's plan as a report shows it. */
export interface StatementPlan {
  /** The statement, normalised by pg_stat_statements ($1, $2 … for its constants). */
  query: string;
  /** `generic`: EXPLAIN (GENERIC_PLAN) without parameters, after the load; nothing ran. */
  kind: 'generic';
  /** PostgreSQL's own text form of the plan; absent when it could not be planned. */
  text?: string;
  flags: PlanFlag[];
  /** Why there is no plan (PostgreSQL's message), such as a parameter whose type it cannot infer. */
  error?: string;
}

/**
 * A table is large from this many rows. Below it a table is a few hundred 8 kB pages at most,
 * which PostgreSQL rightly reads whole even where an index exists (an index lookup costs random
 * reads, `random_page_cost` 4 against 1 for a page read in order); above it a statement that reads
 * every row to answer one request does work an index would spare, and it grows with the table.
 */
export const LARGE_TABLE_ROWS = 10_000;

/**
 * A nested loop runs its inner side once per outer row: cheap for a handful, and the planner's
 * pick for a few hundred; from this many outer rows a hash or merge join, or a missing index on
 * the inner side, usually matters. Estimated rows for a generic plan, actual ones with ANALYZE.
 */
export const NESTED_LOOP_ROWS = 1_000;

/** The root of `EXPLAIN (FORMAT JSON)` output: `[{ "Plan": {...} }]`, or an error naming what is wrong. */
export function planRoot(explained: unknown): PlanNode {
  const first = Array.isArray(explained) ? (explained[0] as { Plan?: unknown } | undefined) : undefined;
  const plan = first?.Plan as PlanNode | undefined;
  if (!plan || typeof plan['Node Type'] !== 'string') {
    throw new Error(`EXPLAIN (FORMAT JSON) output has no "Plan" with a "Node Type": ${JSON.stringify(explained)}`);
  }
  return plan;
}

/** Every node of a plan, the root first, depth first. */
export function planNodes(root: PlanNode): PlanNode[] {
  return [root, ...(root.Plans ?? []).flatMap(planNodes)];
}

/** A table a plan reads: its schema where the plan says it (VERBOSE), and its name. */
export interface PlannedTable {
  schema?: string;
  name: string;
}

/** The tables a plan reads with a sequential scan (each once), whose size decides whether it is flagged. */
export function seqScannedTables(root: PlanNode): PlannedTable[] {
  const tables = new Map<string, PlannedTable>();
  for (const node of planNodes(root)) {
    const name = node['Relation Name'];
    if (!isSeqScan(node) || name === undefined) continue;
    tables.set(name, node.Schema === undefined ? { name } : { schema: node.Schema, name });
  }
  return [...tables.values()];
}

const isSeqScan = (node: PlanNode): boolean =>
  node['Node Type'] === 'Seq Scan' || node['Node Type'] === 'Parallel Seq Scan';

/** Rows a node gave over all its loops: actual ones where ANALYZE measured them, the planner's estimate otherwise. */
function rowsOf(node: PlanNode): { rows: number; actual: boolean } | undefined {
  if (node['Actual Rows'] !== undefined) {
    return { rows: node['Actual Rows'] * (node['Actual Loops'] ?? 1), actual: true };
  }
  return node['Plan Rows'] === undefined ? undefined : { rows: node['Plan Rows'], actual: false };
}

const rowCount = (rows: number): string => Math.round(rows).toLocaleString('en-US');

/**
 * What in a plan is worth a look: a sequential scan over a table of `LARGE_TABLE_ROWS` rows or
 * more (`tableRows`: the planner's estimate of each table's rows, by name), a sort that spilled to disk
 * (ANALYZE only) and a nested loop over `NESTED_LOOP_ROWS` outer rows or more.
 */
export function flagPlan(root: PlanNode, tableRows: Record<string, number>): PlanFlag[] {
  const flags: PlanFlag[] = [];
  for (const node of planNodes(root)) {
    const table = node['Relation Name'];
    const rows = table === undefined ? undefined : tableRows[table];
    if (isSeqScan(node) && table !== undefined && rows !== undefined && rows >= LARGE_TABLE_ROWS) {
      const filter = node.Filter ? ` to keep the rows where ${node.Filter}` : '';
      flags.push({
        kind: 'seq-scan-large-table',
        message: `sequential scan over ${table} (about ${rowCount(rows)} rows): every call reads the whole table${filter}; an index on what it filters by would spare that`,
      });
    }
    if (node['Node Type'] === 'Sort' && node['Sort Space Type'] === 'Disk') {
      flags.push({
        kind: 'sort-spills-to-disk',
        message: `sort spilled to disk (${node['Sort Method'] ?? 'external'}, ${rowCount(node['Sort Space Used'] ?? 0)} kB): it did not fit in work_mem`,
      });
    }
    const outer = node.Plans?.find((child) => child['Parent Relationship'] === 'Outer');
    const outerRows = outer ? rowsOf(outer) : undefined;
    if (node['Node Type'] === 'Nested Loop' && outerRows && outerRows.rows >= NESTED_LOOP_ROWS) {
      flags.push({
        kind: 'nested-loop-many-rows',
        message: `nested loop over ${outerRows.actual ? '' : 'about '}${rowCount(outerRows.rows)} outer rows: its inner side runs once for each`,
      });
    }
  }
  return flags;
}
