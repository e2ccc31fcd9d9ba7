// One GET (or any request) to every implementation, required to answer 200 alike.
import type { Schema } from 'ajv';
import { expectJson, expectSameAnswers, sendToAll } from './answers.ts';
import type { Targets } from './targets.ts';

/** The body every implementation answered, byte for byte the same, 200, and valid against `schema`. */
export async function expectSameJson<T>(
  targets: Targets,
  path: string,
  schema: Schema,
  init?: RequestInit | (() => RequestInit),
): Promise<T> {
  const answer = expectSameAnswers(await sendToAll(targets, path, init));
  return expectJson(answer, 200, schema) as T;
}
