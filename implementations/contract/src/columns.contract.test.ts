// Scenario 10: every table and projection of the column-overhead scenario answers its rows alike
// on every implementation, the columns the contract lists are the table's own, and the variants
// that read the same users agree on them.
import { describe, expect, it } from 'vitest';
import { COLUMN_TABLE_ROWS } from '../../../fixtures/seed-columns.ts';
import {
  columnRowsSchema,
  columnsPath,
  columnVariantNames,
  columnVariants,
  type ColumnRows,
  type ColumnVariant,
  type ColumnVariantName,
} from '../../node-backend/src/index.ts';
import { expectSameError } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';

const { targets, database } = useScenarioTargets(['columns'], { database: true });

const rowsOf = (variant: ColumnVariantName, query = '') =>
  expectSameJson<ColumnRows>(targets(), `${columnsPath(variant)}${query}`, columnRowsSchema(variant));

describe('the column-overhead variants', () => {
  it.each(columnVariantNames)(
    '%s answers the first 20 rows by id with its columns, alike everywhere',
    async (variant) => {
      const { rows } = await rowsOf(variant);
      expect(rows.map((row) => row['id'])).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      const { columns } = columnVariants[variant] as ColumnVariant;
      for (const row of rows) expect(Object.keys(row)).toEqual(columns.map((column) => column.key));
    },
  );

  it.each(columnVariantNames.filter((variant) => columnVariants[variant].selectAll))(
    '%s lists exactly the columns of its table, in table order, so SELECT * and the contract agree',
    async (variant) => {
      const { table, columns } = columnVariants[variant] as ColumnVariant;
      const { rows } = await database().query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
        [table],
      );
      expect(rows.map((row) => row.column_name)).toEqual(columns.map((column) => column.name));
    },
  );

  it('reads the same users at every width: the projections and the first 5 columns of the wide tables are the narrow rows', async () => {
    const narrow = await rowsOf('narrow', '?after=500&limit=100');
    expect(await rowsOf('wide-projection', '?after=500&limit=100')).toEqual(narrow);
    expect(await rowsOf('extra-wide-projection', '?after=500&limit=100')).toEqual(narrow);
    const keys = Object.keys(narrow.rows[0]!);
    for (const variant of ['wide', 'extra-wide'] as const) {
      const { rows } = await rowsOf(variant, '?after=500&limit=100');
      expect(rows.map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])))).toEqual(narrow.rows);
    }
  });

  it('holds the same values in the varchar and the text table, and valid UUIDs in the uuid table', async () => {
    expect(await rowsOf('varchar', '?limit=100')).toEqual(await rowsOf('text', '?limit=100'));
    const { rows } = await rowsOf('uuid', '?limit=100');
    for (const row of rows)
      for (const key of ['v1', 'v2', 'v3', 'v4'])
        expect(row[key]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('answers the rows after a cursor, fewer at the end of the table', async () => {
    const { rows } = await rowsOf('extra-wide', `?after=${COLUMN_TABLE_ROWS - 10}&limit=100`);
    expect(rows.map((row) => row['id'])).toEqual(
      Array.from({ length: 10 }, (_, index) => COLUMN_TABLE_ROWS - 9 + index),
    );
    expect(rows.filter((row) => row['deletedAt'] !== null).map((row) => row['id'])).toEqual([COLUMN_TABLE_ROWS]);
  });

  it.each([
    ['limit=0', 'querystring/limit must be >= 1'],
    ['limit=101', 'querystring/limit must be <= 100'],
    ['after=-1', 'querystring/after must be >= 0'],
    ['after=2147483648', 'querystring/after must be <= 2147483647'],
    ['columns=id', "querystring must NOT have additional properties: 'columns'"],
  ])('refuses ?%s with a 400 naming the field', async (query, message) => {
    await expectSameError(targets(), `${columnsPath('wide')}?${query}`, {}, 400, message);
  });
});
