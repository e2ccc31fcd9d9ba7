// Scenario 12: every bulk variant writes the same 1,000 rows, checked in the table afterwards, and
// answers alike on every implementation; a body that breaks the contract writes nothing.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorMessages } from './index.ts';
import {
  bulkInsertPath,
  bulkInsertResponseSchema,
  bulkInsertVariantNames,
  bulkUpdatePath,
  bulkUpdateResponseSchema,
  bulkUpdateVariantNames,
  maxBulkItems,
  type BulkInsertRequest,
  type BulkUpdateRequest,
} from '../../node-backend/src/index.ts';
import { expectJson, expectSameError, send } from './testing/answers.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';

// bulk_inserts emptied again afterwards, for whatever runs on this database next.
const { names, targets, database } = useScenarioTargets(['bulk'], { database: true, resetAfter: true });

const run = randomUUID().slice(0, 8);

function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** 1,000 new rows whose skus say which request wrote them. */
function insertBody(prefix: string, count = maxBulkItems): BulkInsertRequest {
  return {
    items: Array.from({ length: count }, (_, index) => ({
      sku: `${prefix}-${index}`,
      quantity: index % 17,
      priceCents: index * 3,
    })),
  };
}

async function storedInserts(prefix: string): Promise<{ sku: string; quantity: number; priceCents: number }[]> {
  const { rows } = await database().query<{ sku: string; quantity: number; price_cents: number }>(
    "SELECT sku, quantity, price_cents FROM bulk_inserts WHERE sku LIKE $1 || '-%' ORDER BY id",
    [prefix],
  );
  return rows.map((row) => ({ sku: row.sku, quantity: row.quantity, priceCents: row.price_cents }));
}

describe.each(bulkInsertVariantNames)('POST /bulk/insert/%s', (variant) => {
  it.each(names)('inserts all 1,000 rows, in order, on %s', async (name) => {
    const prefix = `${run}-${variant}-${name}`;
    const body = insertBody(prefix);
    const answer = await send(targets()[name]!.baseUrl, bulkInsertPath(variant), postJson(body));
    expect(expectJson(answer, 200, bulkInsertResponseSchema)).toEqual({ inserted: maxBulkItems });
    expect(answer.text).toBe('{"inserted":1000}');
    expect(await storedInserts(prefix)).toEqual(body.items);
  });
});

describe.each(bulkUpdateVariantNames)('POST /bulk/update/%s', (variant) => {
  it.each(names)('sets the quantity of all 1,000 rows on %s', async (name) => {
    const quantity = 100 + bulkUpdateVariantNames.indexOf(variant) * 10 + names.indexOf(name);
    const body: BulkUpdateRequest = {
      items: Array.from({ length: maxBulkItems }, (_, index) => ({
        id: 2001 + index,
        quantity: quantity + (index % 3),
      })),
    };
    const answer = await send(targets()[name]!.baseUrl, bulkUpdatePath(variant), postJson(body));
    expect(expectJson(answer, 200, bulkUpdateResponseSchema)).toEqual({ updated: maxBulkItems });
    const { rows } = await database().query<{ id: number; quantity: number }>(
      'SELECT id, quantity FROM bulk_updates WHERE id BETWEEN 2001 AND 3000 ORDER BY id',
    );
    expect(rows).toEqual(body.items);
  });

  it.each(names)('counts only the rows that exist on %s', async (name) => {
    const body: BulkUpdateRequest = {
      items: [
        { id: 1, quantity: 5 },
        { id: 2_000_000, quantity: 5 },
      ],
    };
    expect(
      expectJson(
        await send(targets()[name]!.baseUrl, bulkUpdatePath(variant), postJson(body)),
        200,
        bulkUpdateResponseSchema,
      ),
    ).toEqual({ updated: 1 });
  });
});

describe('a bulk body that breaks the contract', () => {
  const item = { sku: 'refused', quantity: 1, priceCents: 1 };
  it.each([
    ['no items', { items: [] }, 'body/items must NOT have fewer than 1 items'],
    ['too many items', { items: Array(maxBulkItems + 1).fill(item) }, 'body/items must NOT have more than 1000 items'],
    [
      'a missing price',
      { items: [item, { sku: 'refused', quantity: 1 }] },
      "body/items/1 must have required property 'priceCents'",
    ],
    ['a negative quantity', { items: [{ ...item, quantity: -1 }] }, 'body/items/0/quantity must be >= 0'],
    ['a quantity as text', { items: [{ ...item, quantity: '1' }] }, 'body/items/0/quantity must be integer'],
    ['an empty sku', { items: [{ ...item, sku: '' }] }, 'body/items/0/sku must NOT have fewer than 1 characters'],
    ['an extra field', { items: [{ ...item, id: 7 }] }, "body/items/0 must NOT have additional properties: 'id'"],
  ])('with %s is a 400 naming the field and inserts nothing, by any variant', async (_case, body, message) => {
    for (const variant of bulkInsertVariantNames)
      await expectSameError(targets(), bulkInsertPath(variant), postJson(body), 400, message);
    expect(await storedInserts('refused')).toEqual([]);
  });

  it.each([
    ['an id of 0', { items: [{ id: 0, quantity: 1 }] }, 'body/items/0/id must be >= 1'],
    ['no quantity', { items: [{ id: 1 }] }, "body/items/0 must have required property 'quantity'"],
    ['items that are not a list', { items: { id: 1, quantity: 1 } }, 'body/items must be array'],
  ])('to update with %s is a 400 naming the field', async (_case, body, message) => {
    for (const variant of bulkUpdateVariantNames)
      await expectSameError(targets(), bulkUpdatePath(variant), postJson(body), 400, message);
  });

  it('that is not JSON is a 415, and malformed JSON a 400', async () => {
    const text = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' };
    await expectSameError(targets(), bulkInsertPath('multi-row'), text, 415, errorMessages.unsupportedMediaType);
    const broken = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items": [' };
    await expectSameError(targets(), bulkUpdatePath('single-statement'), broken, 400, errorMessages.invalidJson);
  });
});
