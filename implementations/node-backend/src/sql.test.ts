import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnsQuery, columnVariantNames, columnVariants } from './scenarios/columns.js';
import { expandValues, loadQueries, parseNamedQueries, queriesOf, sqlDirectory } from './sql.js';

const areas = readdirSync(sqlDirectory())
  .filter((file) => file.endsWith('.sql'))
  .map((file) => file.slice(0, -'.sql'.length));

describe('the named queries of implementations/sql', () => {
  it('parses a query from its name line to the next, without comments or the trailing semicolon', () => {
    const queries = parseNamedQueries(`-- a file comment
-- name: first
-- what it does
SELECT 1
  FROM t;

-- name: second
SELECT 2;
`);
    expect([...queries]).toEqual([
      ['first', 'SELECT 1\n  FROM t'],
      ['second', 'SELECT 2'],
    ]);
  });

  it('refuses a name given twice and a name without SQL', () => {
    expect(() => parseNamedQueries('-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;', 'x.sql')).toThrow(
      'x.sql: query a is named twice',
    );
    expect(() => parseNamedQueries('-- name: a\n-- name: b\nSELECT 2;', 'x.sql')).toThrow('x.sql: query a has no SQL');
  });

  it('names the file and the query when a query is missing', () => {
    expect(() => loadQueries('users', { nope: 'user_nope' })).toThrow(/users\.sql has no query named user_nope/);
  });

  it('names every query once across all files', () => {
    const names = areas.flatMap((area) => [...queriesOf(area).keys()]);
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('uses each placeholder once, in order, so that a %s driver can replace them one by one', () => {
    for (const area of areas) {
      for (const [name, sql] of queriesOf(area)) {
        const placeholders = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
        expect({ name, placeholders }).toEqual({ name, placeholders: placeholders.map((_n, index) => index + 1) });
      }
    }
  });

  it('holds every statement in a file of its own area, ending without a semicolon', () => {
    for (const area of areas) {
      expect(readFileSync(`${sqlDirectory()}${area}.sql`, 'utf8')).toMatch(/^-- /);
      for (const sql of queriesOf(area).values()) expect(sql).not.toMatch(/;\s*$/);
    }
  });

  it("reads each column variant's table and columns (SELECT * or the columns by name)", () => {
    for (const variant of columnVariantNames) {
      const { table, columns, selectAll } = columnVariants[variant];
      const list = selectAll ? '*' : columns.map((column) => column.name).join(', ');
      expect(columnsQuery(variant)).toBe(`SELECT ${list} FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`);
    }
  });

  it('repeats a one-row INSERT as one multi-row INSERT, its placeholders numbered on', () => {
    const [insertOne] = loadQueries('bulk', { insertOne: 'bulk_insert_one' }).insertOne.split('\n');
    expect(expandValues(insertOne!, 3)).toBe(
      'INSERT INTO bulk_inserts (sku, quantity, price_cents) VALUES ($1, $2, $3), ($4, $5, $6), ($7, $8, $9)',
    );
    expect(() => expandValues('UPDATE t SET a = $1', 2)).toThrow(/expandValues needs an INSERT/);
  });
});
