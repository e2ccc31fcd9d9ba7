import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { columnRowsSchema, columnVariantNames, columnVariants } from '../../node-backend/src/scenarios/columns.js';
import { openApiDrift, openApiPath, operationOf } from './testing/openapi-answers.js';

const generator = fileURLToPath(new URL('../scripts/generate-schemas.mjs', import.meta.url));

describe('openapi.yaml, the one source of the contract', () => {
  it('is what src/generated/openapi-schemas.ts was generated from (run `pnpm --filter @lab/contract generate` if not)', () => {
    expect(() => execFileSync(process.execPath, [generator, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('names every operation once and answers every one with a documented status', () => {
    const spec = parse(readFileSync(openApiPath, 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string; responses: object }>>;
    };
    const ids = Object.values(spec.paths).flatMap((item) =>
      Object.values(item).map((operation) => operation.operationId),
    );
    expect(ids.length).toBeGreaterThan(40);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of Object.values(spec.paths))
      for (const operation of Object.values(item)) expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
  });

  it("lists, for each column variant, the variant's columns in table order", () => {
    for (const variant of columnVariantNames) {
      const items = columnRowsSchema(variant).properties.rows.items;
      expect(items.required).toEqual(columnVariants[variant].columns.map((column) => column.key));
      expect(Object.keys(items.properties)).toEqual(columnVariants[variant].columns.map((column) => column.key));
    }
  });

  it('finds the operation of a request, a literal path before a template', () => {
    expect(operationOf('POST', '/stock/reset')?.label).toBe('POST /stock/reset');
    expect(operationOf('GET', '/stock/7')?.label).toBe('GET /stock/{id}');
    expect(operationOf('GET', '/users/1?x=1')?.label).toBe('GET /users/{id}');
    expect(operationOf('GET', '/users/')).toBeUndefined();
    expect(operationOf('PUT', '/users/1')).toBeUndefined();
  });

  it('tells an answer that drifts from the spec from one that agrees', () => {
    const json = 'application/json; charset=utf-8';
    expect(openApiDrift('GET', '/health', { status: 200, contentType: json, text: '{"status":"ok"}' })).toBeUndefined();
    expect(
      openApiDrift('GET', '/health', { status: 200, contentType: json, text: '{"status":"ok","extra":1}' }),
    ).toMatch(/schema refuses/);
    expect(openApiDrift('GET', '/health', { status: 418, contentType: json, text: '{}' })).toMatch(
      /does not list status 418/,
    );
    expect(
      openApiDrift('GET', '/users/x', {
        status: 400,
        contentType: json,
        text: '{"statusCode":400,"error":"Bad Request","message":"params/id must be integer"}',
      }),
    ).toBeUndefined();
    expect(openApiDrift('GET', '/nowhere', { status: 404, contentType: json, text: '{}' })).toBeUndefined();
  });
});
