// The flash sale's primary keys: POST /keys/<v4|v7>/products inserts products keyed by a random
// UUID v4 (crypto.randomUUID) or a time-ordered UUID v7 (the uuid package; PostgreSQL 17 has no
// uuidv7()). Random keys land all over the primary key's B-tree, splitting pages everywhere and
// leaving them part empty; time-ordered keys land at its right edge, as a serial id would.
import { randomUUID } from 'node:crypto';
import type { FromSchema } from 'json-schema-to-ts';
import { v7 as uuidv7 } from 'uuid';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import { KeyedProductsRequest, KeyedProductsResponse } from '@lab/contract/openapi';

/** The most products one request inserts. */
export const maxKeyedProducts = 1000;

export const uuidVersions = ['v4', 'v7'] as const;
export type UuidVersion = (typeof uuidVersions)[number];

export const uuidKeyTables: Record<UuidVersion, string> = { v4: 'uuid_v4_products', v7: 'uuid_v7_products' };

const newId: Record<UuidVersion, () => string> = { v4: randomUUID, v7: uuidv7 };

/** implementations/sql/resilience.sql: one multi-row INSERT (unnest of arrays) into each version's table. */
export const uuidKeyQueries = loadQueries('resilience', {
  v4: 'uuid_v4_products_insert',
  v7: 'uuid_v7_products_insert',
}) satisfies Record<UuidVersion, string>;

/** POST /keys/<version>/products: 1 to 1000 products. */
export const keyedProductsRequestSchema = KeyedProductsRequest;

/** How many were inserted, and the first and last key given, which show the version's order. */
export const keyedProductsResponseSchema = KeyedProductsResponse;

export type KeyedProductsRequest = FromSchema<typeof keyedProductsRequestSchema>;
export type KeyedProductsResponse = FromSchema<typeof keyedProductsResponseSchema>;

export function keyedProductsPath(version: UuidVersion): string {
  return `/keys/${version}/products`;
}

/** One multi-row INSERT of the products with new keys of the version, in the order given. */
export async function insertKeyedProducts(
  pool: DatabasePool,
  version: UuidVersion,
  { items }: KeyedProductsRequest,
): Promise<KeyedProductsResponse> {
  const ids = items.map(() => newId[version]());
  const { rowCount } = await pool.query(uuidKeyQueries[version], [
    ids,
    items.map((item) => item.name),
    items.map((item) => item.priceCents),
  ]);
  return { inserted: rowCount ?? 0, firstId: ids[0]!, lastId: ids[ids.length - 1]! };
}
