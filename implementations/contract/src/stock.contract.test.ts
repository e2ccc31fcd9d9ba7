// Scenario 13: concurrent decrements of one product. Every strategy answers alike on every
// implementation; under 200 concurrent requests the safe ones lose no update (the final stock is
// the initial stock minus the ledger's decrements), and the no-lock one may, which is what it shows.
import { beforeEach, describe, expect, it } from 'vitest';
import { errorMessages, errorResponseSchema, type ErrorResponse } from './index.ts';
import {
  decrementPath,
  decrementResponseSchema,
  initialStock,
  maxStockAttempts,
  stockLevelSchema,
  stockLevelsSchema,
  stockMessages,
  stockPath,
  stockProductCount,
  stockStrategyNames,
  type StockLevel,
  type StockLevels,
  type StockStrategyName,
} from '../../node-backend/src/index.ts';
import { expectJson, expectSameError, send, type Answer } from './testing/answers.ts';
import { expectSameJson } from './testing/same-json.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';
import type { ImplementationName } from './testing/targets.ts';

// The stock put back afterwards, for whatever runs on this database next.
const { names, targets, database } = useScenarioTargets(['stock'], { database: true, resetAfter: true });

const post: RequestInit = { method: 'POST' };
const initialLevels: StockLevels = {
  products: Array.from({ length: stockProductCount }, (_, index) => ({
    productId: index + 1,
    stock: initialStock,
    decrements: 0,
  })),
};

function reset(name: ImplementationName = names[0]!): Promise<Answer> {
  return send(targets()[name]!.baseUrl, '/stock/reset', post);
}

async function level(id: number): Promise<StockLevel> {
  return expectSameJson<StockLevel>(targets(), stockPath(id), stockLevelSchema);
}

describe('POST /stock/reset', () => {
  it.each(names)('puts every product back to a stock of 1,000 with an empty ledger on %s', async (name) => {
    await database().query('UPDATE products SET stock = 3, version = 9 WHERE id = 4');
    await database().query("INSERT INTO stock_decrements (product_id, strategy) VALUES (4, 'test')");
    const answer = await reset(name);
    expect(expectJson(answer, 200, stockLevelsSchema)).toEqual(initialLevels);
    expect(answer.text).toBe(JSON.stringify(initialLevels));
    expect(await level(4)).toEqual({ productId: 4, stock: initialStock, decrements: 0 });
  });
});

describe.each(stockStrategyNames)('POST /stock/:id/decrement/%s', (strategy) => {
  beforeEach(async () => {
    await reset();
  });

  it('takes one from the stock and records it, answering the stock left, alike everywhere', async () => {
    for (const [index, name] of names.entries()) {
      const answer = await send(targets()[name]!.baseUrl, decrementPath(2, strategy), post);
      expect(expectJson(answer, 200, decrementResponseSchema)).toEqual({
        productId: 2,
        stock: initialStock - 1 - index,
      });
    }
    expect(await level(2)).toEqual({ productId: 2, stock: initialStock - names.length, decrements: names.length });
    expect(await level(3)).toEqual({ productId: 3, stock: initialStock, decrements: 0 });
  });

  it('answers 409 when the product is out of stock and records nothing', async () => {
    await database().query('UPDATE products SET stock = 0 WHERE id = 5');
    await expectSameError(targets(), decrementPath(5, strategy), post, 409, stockMessages.outOfStock(5));
    expect(await level(5)).toEqual({ productId: 5, stock: 0, decrements: 0 });
  });

  it('answers 404 for a product that does not exist', async () => {
    await expectSameError(
      targets(),
      decrementPath(stockProductCount + 1, strategy),
      post,
      404,
      stockMessages.productNotFound(stockProductCount + 1),
    );
  });

  it.each([
    ['0', 'params/id must be >= 1'],
    ['one', 'params/id must be integer'],
    ['2147483648', 'params/id must be <= 2147483647'],
  ])('refuses the id %s with a 400 naming it', async (id, message) => {
    await expectSameError(targets(), `/stock/${id}/decrement/${strategy}`, post, 400, message);
  });
});

describe('GET /stock/:id', () => {
  it('answers 404 for a product that does not exist and 400 for an id that is not one', async () => {
    await expectSameError(targets(), stockPath(99), {}, 404, stockMessages.productNotFound(99));
    await expectSameError(targets(), '/stock/reset', {}, 400, 'params/id must be integer');
  });

  it('refuses a body that is not JSON with a 415, as every POST of the API does', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' };
    await expectSameError(targets(), decrementPath(1, 'pessimistic'), init, 415, errorMessages.unsupportedMediaType);
  });
});

const concurrentRequests = 200;

/** 200 decrements of product 1 at once; their statuses, conflict messages and what is left. */
async function decrementConcurrently(name: ImplementationName, strategy: StockStrategyName) {
  await reset(name);
  const answers = await Promise.all(
    Array.from({ length: concurrentRequests }, () => send(targets()[name]!.baseUrl, decrementPath(1, strategy), post)),
  );
  const succeeded = answers.filter((answer) => answer.status === 200).length;
  const refused = answers.filter((answer) => answer.status !== 200);
  for (const answer of refused) {
    expect((expectJson(answer, 409, errorResponseSchema) as ErrorResponse).message).toBe(
      stockMessages.conflict(1, maxStockAttempts),
    );
  }
  return { succeeded, conflicts: refused.length, after: await level(1) };
}

describe.each(names)('200 concurrent decrements of one product on %s', (name) => {
  it.for(['pessimistic', 'optimistic', 'serializable'] as const)(
    'lose no update with the %s strategy: the stock falls by exactly the decrements recorded',
    { timeout: 60_000 },
    async (strategy, { annotate }) => {
      const { succeeded, conflicts, after } = await decrementConcurrently(name, strategy);
      await annotate(`${succeeded} succeeded, ${conflicts} answered 409 after ${maxStockAttempts} attempts`);
      expect(after.decrements).toBe(succeeded);
      expect(after.stock).toBe(initialStock - succeeded);
      if (strategy === 'pessimistic') expect(succeeded).toBe(concurrentRequests);
      else expect(succeeded).toBeGreaterThan(0);
    },
  );

  it('may lose updates with the no-lock strategy, but every request succeeds and is recorded', async ({ annotate }) => {
    const { succeeded, conflicts, after } = await decrementConcurrently(name, 'no-lock');
    const lost = after.decrements - (initialStock - after.stock);
    await annotate(
      `${lost} of ${succeeded} decrements lost: stock ${after.stock} where ${initialStock - succeeded} was due`,
    );
    expect({ succeeded, conflicts, decrements: after.decrements }).toEqual({
      succeeded: concurrentRequests,
      conflicts: 0,
      decrements: concurrentRequests,
    });
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(after.stock).toBeGreaterThanOrEqual(initialStock - concurrentRequests);
  }, 60_000);
});
