// Scenario 10: what `SELECT *` costs. The same users at 5, 20 and 50 columns, the wide tables read
// with a projection of the 5 columns a list needs, and 5-column tables of one type each. Every
// variant answers a page of rows by id; the columns here are the tables' columns in table order
// (fixtures/sql/010_column_overhead.sql), so `SELECT *` and this list agree.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import {
  ColumnRowsExtraWide,
  ColumnRowsExtraWideProjection,
  ColumnRowsInteger,
  ColumnRowsJsonb,
  ColumnRowsNarrow,
  ColumnRowsText,
  ColumnRowsTimestamp,
  ColumnRowsUuid,
  ColumnRowsVarchar,
  ColumnRowsWide,
  ColumnRowsWideProjection,
} from '@lab/contract/openapi';
import { ColumnsQuery } from '@lab/contract/openapi';

/** How a column's value is written in JSON. */
type ColumnKind =
  'integer' | 'text' | 'boolean' | 'timestamp' | 'nullableTimestamp' | 'preferences' | 'tags' | 'labelled';

// A jsonb object comes back from PostgreSQL with its keys ordered by length, then bytes; the
// schemas (openapi.yaml's Preferences and Labelled) list them in that order, so that a
// schema-driven serialiser writes the same bytes as JSON.stringify does.

export interface Column {
  /** The column's name in the table. */
  name: string;
  /** Its key in the JSON row: the name in camelCase. */
  key: string;
  kind: ColumnKind;
}

function columns(spec: string): Column[] {
  return spec.split(/\s+/).map((entry) => {
    const [name, kind] = entry.split(':') as [string, ColumnKind];
    return { name, key: name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()), kind };
  });
}

const userColumns = columns('id:integer email:text name:text country:text created_at:timestamp');
const wideColumns = [
  ...userColumns,
  ...columns(`phone:text street:text city:text postcode:text locale:text timezone:text status:text plan:text login_count:integer
    is_verified:boolean last_login_at:timestamp updated_at:timestamp avatar_url:text bio:text preferences:preferences`),
];
const extraWideColumns = [
  ...wideColumns,
  ...columns(`company:text job_title:text department:text manager_id:integer website:text twitter:text github:text linkedin:text
    referral_code:text referred_by:integer signup_source:text utm_campaign:text marketing_opt_in:boolean newsletter:boolean
    two_factor:boolean failed_logins:integer credit_cents:integer currency:text vat_id:text billing_street:text billing_city:text
    billing_postcode:text billing_country:text shipping_street:text shipping_city:text shipping_postcode:text shipping_country:text
    notes:text tags:tags deleted_at:nullableTimestamp`),
];

function typedColumns(kind: ColumnKind): Column[] {
  return [
    { name: 'id', key: 'id', kind: 'integer' },
    ...['v1', 'v2', 'v3', 'v4'].map((name) => ({ name, key: name, kind })),
  ];
}

export interface ColumnVariant {
  /** The table read. */
  table: string;
  /** The columns answered, in table order. */
  columns: readonly Column[];
  /** `SELECT *` when true; otherwise the columns are named. */
  selectAll: boolean;
}

/** Every variant of scenario 10, each served at GET /columns/<name>. */
export const columnVariants = {
  narrow: { table: 'users_narrow', columns: userColumns, selectAll: true },
  wide: { table: 'users_wide', columns: wideColumns, selectAll: true },
  'wide-projection': { table: 'users_wide', columns: userColumns, selectAll: false },
  'extra-wide': { table: 'users_extra_wide', columns: extraWideColumns, selectAll: true },
  'extra-wide-projection': { table: 'users_extra_wide', columns: userColumns, selectAll: false },
  integer: { table: 'columns_integer', columns: typedColumns('integer'), selectAll: true },
  timestamp: { table: 'columns_timestamp', columns: typedColumns('timestamp'), selectAll: true },
  uuid: { table: 'columns_uuid', columns: typedColumns('text'), selectAll: true },
  varchar: { table: 'columns_varchar', columns: typedColumns('text'), selectAll: true },
  text: { table: 'columns_text', columns: typedColumns('text'), selectAll: true },
  jsonb: { table: 'columns_jsonb', columns: typedColumns('labelled'), selectAll: true },
} as const satisfies Record<string, ColumnVariant>;

export type ColumnVariantName = keyof typeof columnVariants;
export const columnVariantNames = Object.keys(columnVariants) as ColumnVariantName[];

const statements = new Map<ColumnVariantName, string>(
  Object.entries(
    loadQueries(
      'columns',
      Object.fromEntries(columnVariantNames.map((variant) => [variant, `columns_${variant.replaceAll('-', '_')}`])),
    ),
  ) as [ColumnVariantName, string][],
);

/** The route of a scenario 10 variant. */
export function columnsPath(variant: ColumnVariantName): string {
  return `/columns/${variant}`;
}

/** GET /columns/<variant>?after=A&limit=L: the L rows after id A (0, the start, when not given). */
export const columnsQuerySchema = ColumnsQuery;

export type ColumnsQuery = Required<FromSchema<typeof columnsQuerySchema>>;
export type ColumnValue = string | number | boolean | null | { [key: string]: string | number } | string[];
export type ColumnRow = Record<string, ColumnValue>;
export interface ColumnRows {
  rows: ColumnRow[];
}

const columnRowsSchemas = {
  narrow: ColumnRowsNarrow,
  wide: ColumnRowsWide,
  'wide-projection': ColumnRowsWideProjection,
  'extra-wide': ColumnRowsExtraWide,
  'extra-wide-projection': ColumnRowsExtraWideProjection,
  integer: ColumnRowsInteger,
  timestamp: ColumnRowsTimestamp,
  uuid: ColumnRowsUuid,
  varchar: ColumnRowsVarchar,
  text: ColumnRowsText,
  jsonb: ColumnRowsJsonb,
} as const satisfies Record<ColumnVariantName, unknown>;

/**
 * The response schema of a variant: `{ rows }`, each row its columns in table order
 * (ColumnRows<Variant> of openapi.yaml; openapi.test.ts checks that they list these columns).
 */
export function columnRowsSchema(variant: ColumnVariantName) {
  return columnRowsSchemas[variant];
}

/**
 * The statement of a variant, `columns_<variant>` of implementations/sql/columns.sql: a page by
 * id, with `*` or the columns by name (sql.test.ts checks that it reads the variant's table and
 * columns).
 */
export function columnsQuery(variant: ColumnVariantName): string {
  return statements.get(variant)!;
}

function toJson(columns: readonly Column[], row: Record<string, unknown>): ColumnRow {
  const json: ColumnRow = {};
  for (const { name, key } of columns) {
    const value = row[name];
    json[key] = value instanceof Date ? value.toISOString() : (value as ColumnValue);
  }
  return json;
}

/** A page of a variant's rows, every column the variant reads turned into JSON. */
export async function selectColumnRows(
  pool: DatabasePool,
  variant: ColumnVariantName,
  { after, limit }: ColumnsQuery,
): Promise<ColumnRows> {
  const { columns } = columnVariants[variant] as ColumnVariant;
  const { rows } = await pool.query<Record<string, unknown>>(statements.get(variant)!, [after, limit]);
  return { rows: rows.map((row) => toJson(columns, row)) };
}
