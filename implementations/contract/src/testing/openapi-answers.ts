// Drift between openapi.yaml and what the implementations answer fails the contract tests: every
// answer `send()` sees (answers.ts) is checked against the spec's responses for its route and
// status. A status the spec does not list for the operation, or a JSON body its schema refuses,
// throws, naming the operation. Requests to paths or methods the spec does not have (unknown
// routes on purpose, the upstream's own API) are not checked.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

interface Operation {
  readonly label: string;
  readonly statuses: ReadonlyMap<string, ValidateFunction | undefined>;
}

interface Route {
  readonly pattern: RegExp;
  readonly templates: number;
  readonly operations: ReadonlyMap<string, Operation>;
}

export const openApiPath = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

// OpenAPI 3.1 schemas are JSON Schema 2020-12; `format: binary` and the like are annotations here.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

type Spec = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
};

const spec = (await $RefParser.dereference(parse(readFileSync(openApiPath, 'utf8')) as object)) as Spec;
const methods = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

const routes: Route[] = Object.entries(spec.paths)
  .map(([path, item]) => {
    const operations = new Map<string, Operation>();
    for (const method of methods.filter((name) => item[name])) {
      const statuses = new Map<string, ValidateFunction | undefined>();
      for (const [status, response] of Object.entries(item[method]!.responses)) {
        const schema = response.content?.['application/json']?.schema;
        statuses.set(status, schema ? ajv.compile(schema) : undefined);
      }
      operations.set(method.toUpperCase(), { label: `${method.toUpperCase()} ${path}`, statuses });
    }
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return { pattern: new RegExp(`^${source}$`), templates: (path.match(/\{/g) ?? []).length, operations };
  })
  // A literal path wins over a template that also matches it (/stock/reset before /stock/{id}).
  .sort((a, b) => a.templates - b.templates);

/** The operation of the spec a request is for, if the spec has one. */
export function operationOf(method: string, url: string): Operation | undefined {
  const pathname = new URL(url, 'http://localhost').pathname;
  for (const route of routes) {
    if (!route.pattern.test(pathname)) continue;
    const operation = route.operations.get(method.toUpperCase());
    if (operation) return operation;
  }
  return undefined;
}

/** Why an answer disagrees with the spec, or undefined when it agrees (or the spec has no such operation). */
export function openApiDrift(
  method: string,
  url: string,
  answer: { status: number; contentType: string | null; text: string },
): string | undefined {
  const operation = operationOf(method, url);
  if (!operation) return undefined;
  const status = String(answer.status);
  if (!operation.statuses.has(status) && !operation.statuses.has('default')) {
    return `openapi.yaml does not list status ${status} for ${operation.label} (answered ${answer.text.slice(0, 300)}); add it or fix the implementation`;
  }
  const validate = operation.statuses.get(status) ?? operation.statuses.get('default');
  if (!validate) return undefined;
  if (!answer.contentType?.startsWith('application/json')) {
    return `${operation.label} answered ${status} with content-type ${answer.contentType}; openapi.yaml says application/json`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `${operation.label} answered ${status} with a body that is not JSON: ${answer.text.slice(0, 300)}`;
  }
  if (validate(body)) return undefined;
  return `${operation.label} answered ${status} with a body openapi.yaml's schema refuses: ${ajv.errorsText(validate.errors)}; body ${answer.text.slice(0, 300)}`;
}
