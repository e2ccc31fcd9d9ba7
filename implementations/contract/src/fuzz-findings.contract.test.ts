// What scripts/fuzz-contract.sh (schemathesis against openapi.yaml) found, kept as contract tests:
// input that once made an implementation answer 500 or end its process.
import { describe, expect, it } from 'vitest';
import { errorMessages } from './index.ts';
import {
  bulkInsertPath,
  bulkInsertVariantNames,
  keyedProductsPath,
  nulCharacterMessage,
  uuidVersions,
} from '../../node-backend/src/index.ts';
import { expectSameError, send } from './testing/answers.ts';
import { useScenarioTargets } from './testing/scenario-targets.ts';
import { implementationsServing } from './testing/targets.ts';

const { names, targets } = useScenarioTargets(['bulk'], { resetAfter: true });

function postJson(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

describe('input PostgreSQL text cannot hold', () => {
  it('answers a string with a NUL character (\\u0000) with a 400, not a 500', async () => {
    const items = [{ sku: 'nul-\u0000-sku', quantity: 1, priceCents: 1 }];
    for (const variant of bulkInsertVariantNames)
      await expectSameError(targets(), bulkInsertPath(variant), postJson({ items }), 400, nulCharacterMessage);
    // POST /keys/... is the flash sale's: asked of the implementations that serve it as well as bulk.
    const flash = implementationsServing('flash');
    const keyed = Object.fromEntries(Object.entries(targets()).filter(([name]) => flash.includes(name)));
    for (const version of uuidVersions) {
      await expectSameError(
        keyed,
        keyedProductsPath(version),
        postJson({ items: [{ name: 'nul-\u0000', priceCents: 1 }] }),
        400,
        nulCharacterMessage,
      );
    }
    await expectSameError(
      targets(),
      '/users',
      postJson({ email: 'nul@example.com', name: 'a\u0000b', country: 'DE' }),
      400,
      nulCharacterMessage,
    );
  });
});

describe.each(names)('%s', (name) => {
  it('answers a multipart body whose part headers break off with a 400, and keeps serving', async () => {
    const boundary = 'b7a1';
    // A part name with control characters: busboy reports "Malformed part header" once per part,
    // and Express once listened for the first error only (the second ended its process).
    const partName = 'S\u{4ca96}\u00d1\u{32270}\u{c8cb6}\u00cc\u{8a99d}k\u0012\u001b\u0004,\u00d6%0A\u0081';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="${partName}"\r\n\r\n[]\r\n--${boundary}\r\nContent-Disposition: form-data; name="${partName}"\r\n\r\n1\r\n--${boundary}--\r\n`;
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.from(body, 'utf8'),
    };
    const answer = await send(targets()[name]!.baseUrl, '/upload', init);
    // Express's busboy calls the header malformed, @fastify/busboy skips the part (so no file):
    // both a 400 of the contract, with different messages (a known difference, not settled here).
    expect(answer.status).toBe(400);
    expect([errorMessages.invalidMultipart, errorMessages.noFile]).toContain(JSON.parse(answer.text).message);
    expect((await send(targets()[name]!.baseUrl, '/health')).status).toBe(200);
  });
});
