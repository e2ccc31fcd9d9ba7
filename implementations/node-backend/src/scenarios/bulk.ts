// Scenario 12: 1,000 rows written per request. Inserts: one INSERT and commit per row, many
// INSERTs in one transaction, or one multi-row INSERT. Updates: one UPDATE per row in one
// transaction, or one UPDATE joined with the new values. Every variant writes the same rows.
import type { FromSchema } from 'json-schema-to-ts';
import type pg from 'pg';
import type { DatabasePool } from '../database.js';
import { expandValues, loadQueries } from '../sql.js';
import { inTransaction, withConnection } from './transaction.js';
import { BulkInsertRequest, BulkInsertResponse, BulkUpdateRequest, BulkUpdateResponse } from '@lab/contract/openapi';

/** The most rows one bulk request writes. */
export const maxBulkItems = 1000;

/** POST /bulk/insert/<variant>: the rows to insert into bulk_inserts. */
export const bulkInsertRequestSchema = BulkInsertRequest;

/** POST /bulk/update/<variant>: the new quantity of each bulk_updates row, by id. */
export const bulkUpdateRequestSchema = BulkUpdateRequest;

/** How many rows were inserted. */
export const bulkInsertResponseSchema = BulkInsertResponse;

/** How many rows were updated: ids that name no row update nothing. */
export const bulkUpdateResponseSchema = BulkUpdateResponse;

export type BulkInsertRequest = FromSchema<typeof bulkInsertRequestSchema>;
export type BulkUpdateRequest = FromSchema<typeof bulkUpdateRequestSchema>;
export type BulkInsertResponse = FromSchema<typeof bulkInsertResponseSchema>;
export type BulkUpdateResponse = FromSchema<typeof bulkUpdateResponseSchema>;

export const bulkInsertVariantNames = ['row-by-row', 'transaction', 'multi-row'] as const;
export const bulkUpdateVariantNames = ['row-by-row', 'single-statement'] as const;
export type BulkInsertVariantName = (typeof bulkInsertVariantNames)[number];
export type BulkUpdateVariantName = (typeof bulkUpdateVariantNames)[number];

export function bulkInsertPath(variant: BulkInsertVariantName): string {
  return `/bulk/insert/${variant}`;
}

export function bulkUpdatePath(variant: BulkUpdateVariantName): string {
  return `/bulk/update/${variant}`;
}

/** implementations/sql/bulk.sql. */
export const bulkQueries = loadQueries('bulk', {
  insertOne: 'bulk_insert_one',
  updateOne: 'bulk_update_one',
  updateAll: 'bulk_update_all',
});
const { insertOne, updateOne, updateAll } = bulkQueries;

type Items = BulkInsertRequest['items'];

/**
 * `INSERT ... VALUES ($1, $2, $3), ($4, $5, $6), ...`: one statement for every row, bulk_insert_one
 * with its VALUES tuple repeated (the statement's length is the number of rows, so it cannot be a
 * fixed query of its own; see implementations/sql/README.md).
 */
function multiRowInsert(items: Items): { text: string; values: (string | number)[] } {
  return {
    text: expandValues(insertOne, items.length),
    values: items.flatMap((item) => [item.sku, item.quantity, item.priceCents]),
  };
}

/** One INSERT per row, one after the other: the two variants differ only in the transaction around it. */
async function insertEach(client: pg.PoolClient, items: Items): Promise<void> {
  for (const item of items) await client.query(insertOne, [item.sku, item.quantity, item.priceCents]);
}

const inserters: Record<BulkInsertVariantName, (pool: DatabasePool, items: Items) => Promise<void>> = {
  // Each statement outside a transaction commits on its own: a WAL flush per row.
  'row-by-row': (pool, items) => withConnection(pool, (client) => insertEach(client, items)),
  transaction: (pool, items) => inTransaction(pool, (client) => insertEach(client, items)),
  'multi-row': async (pool, items) => {
    await pool.query(multiRowInsert(items));
  },
};

/** Inserts the rows the variant's way and answers how many it inserted. */
export async function bulkInsert(
  pool: DatabasePool,
  variant: BulkInsertVariantName,
  { items }: BulkInsertRequest,
): Promise<BulkInsertResponse> {
  await inserters[variant](pool, items);
  return { inserted: items.length };
}

type UpdateItems = BulkUpdateRequest['items'];

const updaters: Record<BulkUpdateVariantName, (pool: DatabasePool, items: UpdateItems) => Promise<number>> = {
  'row-by-row': (pool, items) =>
    inTransaction(pool, async (client) => {
      let updated = 0;
      for (const item of items) updated += (await client.query(updateOne, [item.quantity, item.id])).rowCount ?? 0;
      return updated;
    }),
  'single-statement': async (pool, items) =>
    (await pool.query(updateAll, [items.map((item) => item.id), items.map((item) => item.quantity)])).rowCount ?? 0,
};

/**
 * Updates the rows the variant's way, all or none, and answers how many rows it updated. Ids are
 * meant to be distinct: an id given twice is updated twice row by row, once by the single statement.
 */
export async function bulkUpdate(
  pool: DatabasePool,
  variant: BulkUpdateVariantName,
  { items }: BulkUpdateRequest,
): Promise<BulkUpdateResponse> {
  return { updated: await updaters[variant](pool, items) };
}
