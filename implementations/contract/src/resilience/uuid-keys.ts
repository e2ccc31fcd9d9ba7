// The flash sale's primary keys: POST /keys/<v4|v7>/products inserts products keyed by a random
// UUID v4 (crypto.randomUUID) or a time-ordered UUID v7 (the uuid package; PostgreSQL 17 has no
// uuidv7()). Random keys land all over the primary key's B-tree, splitting pages everywhere and
// leaving them part empty; time-ordered keys land at its right edge, as a serial id would.
import { randomUUID } from 'node:crypto';
import type { FromSchema } from 'json-schema-to-ts';
import { v7 as uuidv7 } from 'uuid';
import type { DatabasePool } from '../database.js';
import { itemsBodySchema } from '../scenarios/items-body.js';

/** The most products one request inserts. */
export const maxKeyedProducts = 1000;

export const uuidVersions = ['v4', 'v7'] as const;
export type UuidVersion = (typeof uuidVersions)[number];

export const uuidKeyTables: Record<UuidVersion, string> = { v4: 'uuid_v4_products', v7: 'uuid_v7_products' };

const newId: Record<UuidVersion, () => string> = { v4: randomUUID, v7: uuidv7 };

/** POST /keys/<version>/products: 1 to 1000 products. */
export const keyedProductsRequestSchema = itemsBodySchema(maxKeyedProducts, ['name', 'priceCents'], {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  priceCents: { type: 'integer', minimum: 0, maximum: 100_000_000 },
});

/** A UUID of version 4 or 7, in PostgreSQL's and crypto.randomUUID's lower-case text form. */
const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[47][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

/** How many were inserted, and the first and last key given, which show the version's order. */
export const keyedProductsResponseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['inserted', 'firstId', 'lastId'],
  properties: {
    inserted: { type: 'integer', minimum: 1 },
    firstId: { type: 'string', pattern: uuidPattern },
    lastId: { type: 'string', pattern: uuidPattern },
  },
} as const;

export type KeyedProductsRequest = FromSchema<typeof keyedProductsRequestSchema>;
export type KeyedProductsResponse = FromSchema<typeof keyedProductsResponseSchema>;

export function keyedProductsPath(version: UuidVersion): string {
  return `/keys/${version}/products`;
}

/** One multi-row INSERT of the products with new keys of the version, in the order given. */
export async function insertKeyedProducts(pool: DatabasePool, version: UuidVersion, { items }: KeyedProductsRequest): Promise<KeyedProductsResponse> {
  const ids = items.map(() => newId[version]());
  const { rowCount } = await pool.query(
    `INSERT INTO ${uuidKeyTables[version]} (id, name, price_cents) SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[])`,
    [ids, items.map((item) => item.name), items.map((item) => item.priceCents)],
  );
  return { inserted: rowCount ?? 0, firstId: ids[0]!, lastId: ids[ids.length - 1]! };
}
