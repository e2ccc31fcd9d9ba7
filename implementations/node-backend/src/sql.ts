// The lab's SQL lives in implementations/sql/*.sql as named queries, which every language loads
// (the format is in implementations/sql/README.md). This reads them once, at start: a file is
// parsed the first time a module asks for one of its queries, and a missing name fails then,
// naming the file, rather than at the first request.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const nameLine = /^--\s*name:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

/**
 * The queries of one .sql file, by name, in file order. A query runs from its `-- name:` line to
 * the next one or the end of the file; other `--` lines are comments; the trailing `;` goes.
 */
export function parseNamedQueries(text: string, file = 'the SQL'): Map<string, string> {
  const queries = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  const finish = (): void => {
    if (name === undefined) return;
    const sql = lines.join('\n').trim().replace(/;\s*$/, '').trimEnd();
    if (sql === '') throw new Error(`${file}: query ${name} has no SQL`);
    queries.set(name, sql);
  };
  for (const line of text.split(/\r?\n/)) {
    const match = nameLine.exec(line.trim());
    if (match) {
      finish();
      name = match[1]!;
      if (queries.has(name)) throw new Error(`${file}: query ${name} is named twice`);
      lines = [];
    } else if (name !== undefined && !line.trimStart().startsWith('--')) {
      lines.push(line);
    }
  }
  finish();
  return queries;
}

/**
 * Where the .sql files are: LAB_SQL_DIR when set; implementations/sql in the repository (from
 * src/ and dist/ alike); else dist/sql, the copy the build puts beside the compiled code, for a
 * deployed package (`pnpm deploy`, the container images) that has no repository around it.
 */
export function sqlDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env['LAB_SQL_DIR']) return env['LAB_SQL_DIR'];
  const inRepository = fileURLToPath(new URL('../../sql/', import.meta.url));
  if (existsSync(inRepository)) return inRepository;
  return fileURLToPath(new URL('./sql/', import.meta.url));
}

const files = new Map<string, Map<string, string>>();

/** Every query of `<area>.sql`, parsed once per process. */
export function queriesOf(area: string): Map<string, string> {
  let queries = files.get(area);
  if (!queries) {
    const path = `${sqlDirectory()}${area}.sql`;
    queries = parseNamedQueries(readFileSync(path, 'utf8'), path);
    files.set(area, queries);
  }
  return queries;
}

/**
 * The named queries of `<area>.sql` under the keys the code uses:
 * `loadQueries('users', { list: 'user_list', byId: 'user_by_id' })`.
 */
export function loadQueries<const Names extends Record<string, string>>(
  area: string,
  names: Names,
): { readonly [K in keyof Names]: string } {
  const queries = queriesOf(area);
  const loaded: Record<string, string> = {};
  for (const [key, name] of Object.entries(names)) {
    const sql = queries.get(name);
    if (sql === undefined)
      throw new Error(`${area}.sql has no query named ${name}: add it to ${sqlDirectory()}${area}.sql`);
    loaded[key] = sql;
  }
  return loaded as { readonly [K in keyof Names]: string };
}

/**
 * A one-row `INSERT ... VALUES ($1, ..., $k)` of the SQL files made into one statement for `rows`
 * rows, `VALUES ($1, ..., $k), ($k+1, ..., $2k), ...`. A builder rather than a query of its own,
 * since the statement's length is the number of rows (scenario 12's multi-row variant measures
 * exactly that statement; an `unnest` form would be a different one).
 */
export function expandValues(insertOne: string, rows: number): string {
  const match = /^([\s\S]*\bVALUES\s*)\(([^()]*)\)\s*$/i.exec(insertOne);
  const width = match ? match[2]!.split(',').length : 0;
  if (!match || !match[2]!.split(',').every((placeholder, index) => placeholder.trim() === `$${index + 1}`)) {
    throw new Error(`expandValues needs an INSERT ending in VALUES ($1, ..., $n), not: ${insertOne}`);
  }
  const tuples = Array.from(
    { length: rows },
    (_row, row) => `(${Array.from({ length: width }, (_column, column) => `$${row * width + column + 1}`).join(', ')})`,
  );
  return `${match[1]}${tuples.join(', ')}`;
}
