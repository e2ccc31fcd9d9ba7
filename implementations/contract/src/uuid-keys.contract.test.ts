// The flash sale's primary keys: POST /keys/<v4|v7>/products inserts products under new UUID keys,
// random (v4) or time-ordered (v7), in one statement. Both implementations answer alike, the rows
// are in the version's table, and v7 keys grow with time as v4 keys do not.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyIndexSize, prepareUuidKeyTables } from '../../../fixtures/uuid-keys.ts';
import { errorMessages } from './index.ts';
import {
  keyedProductsPath,
  keyedProductsResponseSchema,
  maxKeyedProducts,
  uuidKeyTables,
  uuidVersions,
  type KeyedProductsResponse,
} from '../../node-backend/src/index.ts';
import { expectJson, expectSameError, send } from './testing/answers.ts';
import { implementationsServing, startTargets, stopTargets, type Targets } from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('flash');

let targets: Targets;
let database: pg.Client;

beforeAll(async () => {
  await prepareUuidKeyTables(inject('databaseUrl'));
  targets = await startTargets({}, names);
  database = new pg.Client({ connectionString: inject('databaseUrl') });
  await database.connect();
}, 60_000);

afterAll(async () => {
  await stopTargets(targets);
  await database.end();
  await prepareUuidKeyTables(inject('databaseUrl'));
});

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const products = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => ({ name: `${label} ${index}`, priceCents: 100 + index }));

describe.each(uuidVersions)('POST /keys/%s/products', (version) => {
  it.each(names)(
    'inserts the products under new %s keys of the version and answers 201 with the first and last key',
    async (name) => {
      const label = `${name} ${version}`;
      const answer = await send(
        targets[name]!.baseUrl,
        keyedProductsPath(version),
        postJson({ items: products(3, label) }),
      );
      const body = expectJson(answer, 201, keyedProductsResponseSchema) as KeyedProductsResponse;
      expect(body.inserted).toBe(3);
      for (const id of [body.firstId, body.lastId]) expect(id[14]).toBe(version.slice(1));
      const { rows } = await database.query<{ id: string; name: string; price_cents: number }>(
        `SELECT id, name, price_cents FROM ${uuidKeyTables[version]} WHERE name LIKE $1 ORDER BY name`,
        [`${label} %`],
      );
      expect(rows.map((row) => [row.name, row.price_cents])).toEqual([
        [`${label} 0`, 100],
        [`${label} 1`, 101],
        [`${label} 2`, 102],
      ]);
      expect(rows.map((row) => row.id)).toContain(body.firstId);
      expect(rows.map((row) => row.id)).toContain(body.lastId);
    },
  );

  it('refuses a body without products, with too many, or with a field the contract does not name, with a 400', async () => {
    await expectSameError(
      targets,
      keyedProductsPath(version),
      postJson({ items: [] }),
      400,
      'body/items must NOT have fewer than 1 items',
    );
    await expectSameError(
      targets,
      keyedProductsPath(version),
      postJson({ items: products(maxKeyedProducts + 1, 'many') }),
      400,
      'body/items must NOT have more than 1000 items',
    );
    await expectSameError(
      targets,
      keyedProductsPath(version),
      postJson({ items: [{ name: 'x', priceCents: 1, stock: 3 }] }),
      400,
      "body/items/0 must NOT have additional properties: 'stock'",
    );
  });

  it('refuses a body that is not JSON with a 415', async () => {
    await expectSameError(
      targets,
      keyedProductsPath(version),
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' },
      415,
      errorMessages.unsupportedMediaType,
    );
  });
});

describe('the order of the keys', () => {
  it.each(names)(
    'gives time-ordered v7 keys on %s: each request after the one before, and in order within a request',
    async (name) => {
      const answers: KeyedProductsResponse[] = [];
      for (let request = 0; request < 3; request++) {
        answers.push(
          expectJson(
            await send(
              targets[name]!.baseUrl,
              keyedProductsPath('v7'),
              postJson({ items: products(50, `${name} order ${request}`) }),
            ),
            201,
            keyedProductsResponseSchema,
          ) as KeyedProductsResponse,
        );
      }
      const keys = answers.flatMap((answer) => [answer.firstId, answer.lastId]);
      expect(keys).toEqual([...keys].sort());
    },
  );

  it('fills the v4 primary key index with more pages than the v7 one for the same rows', async () => {
    await prepareUuidKeyTables(inject('databaseUrl'));
    for (const version of uuidVersions) {
      for (let request = 0; request < 20; request++) {
        expect(
          (
            await send(
              targets.express!.baseUrl,
              keyedProductsPath(version),
              postJson({ items: products(1000, `size ${request}`) }),
            )
          ).status,
        ).toBe(201);
      }
    }
    const [v4, v7] = await Promise.all([
      keyIndexSize(inject('databaseUrl'), 'v4'),
      keyIndexSize(inject('databaseUrl'), 'v7'),
    ]);
    expect(v4.rows).toBe(20_000);
    expect(v7.rows).toBe(20_000);
    // Random keys split pages all over the tree and leave them about 70% full; keys that grow fill
    // each page before the next (PostgreSQL splits the rightmost page 90/10).
    expect(v4.indexBytes).toBeGreaterThan(v7.indexBytes * 1.15);
  });
});

describe('the seeded tables', () => {
  it('hold v7 keys that are in insertion order and older than new ones', async () => {
    await prepareUuidKeyTables(inject('databaseUrl'), 1000);
    const { rows } = await database.query<{ id: string }>(`SELECT id::text FROM uuid_v7_products ORDER BY price_cents`);
    expect(rows).toHaveLength(1000);
    expect(rows.every((row) => row.id[14] === '7')).toBe(true);
    expect(rows.map((row) => row.id)).toEqual(rows.map((row) => row.id).sort());
    const answer = expectJson(
      await send(targets.fastify!.baseUrl, keyedProductsPath('v7'), postJson({ items: products(1, 'after seed') })),
      201,
      keyedProductsResponseSchema,
    ) as KeyedProductsResponse;
    expect(answer.firstId > rows[rows.length - 1]!.id).toBe(true);
  });
});
