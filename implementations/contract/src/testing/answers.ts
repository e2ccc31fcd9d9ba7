// Sending one request to every implementation and checking that they answer alike.
import { Ajv, type Schema, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import { errorResponseSchema, type ErrorResponse } from '../index.ts';
import { openApiDrift } from './openapi-answers.ts';
import { deathOf, settleOutput } from './server-process.ts';
import { isBroken, type ImplementationName, type Targets } from './targets.ts';

export interface Answer {
  status: number;
  contentType: string | null;
  wwwAuthenticate: string | null;
  location: string | null;
  retryAfter: string | null;
  text: string;
}

export async function send(baseUrl: string, path: string, init?: RequestInit): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, init);
  } catch (error) {
    // A process implementation that died under the request: say so, with its exit code and stderr.
    const death = await deathOf(baseUrl);
    throw death ? new Error(death, { cause: error }) : error;
  }
  const answer = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    wwwAuthenticate: response.headers.get('www-authenticate'),
    location: response.headers.get('location'),
    retryAfter: response.headers.get('retry-after'),
    text: await response.text(),
  };
  // Every answer the contract tests see must be one openapi.yaml documents.
  const drift = openApiDrift(init?.method ?? 'GET', path, answer);
  if (drift) throw new Error(drift);
  await settleOutput(baseUrl);
  return answer;
}

/**
 * The same request to every started implementation, one after the other. `init` is a function when
 * the request has a body that can be read only once (a FormData, a stream), so that each gets its
 * own. An implementation that could not start (its toolchain is missing, its build failed) is left
 * out here: its own rows of the file fail with the reason, and the others are still compared.
 */
export async function sendToAll(
  targets: Targets,
  path: string,
  init?: RequestInit | (() => RequestInit),
): Promise<Record<ImplementationName, Answer>> {
  const answers: Partial<Record<ImplementationName, Answer>> = {};
  for (const [name, target] of Object.entries(targets)) {
    if (isBroken(target)) continue;
    answers[name] = await send(target.baseUrl, path, typeof init === 'function' ? init() : init);
  }
  return answers as Record<ImplementationName, Answer>;
}

/** All answers equal, after `normalise` has replaced what may rightly differ (a timing). */
export function expectSameAnswers(
  answers: Record<ImplementationName, Answer>,
  normalise = (text: string) => text,
): Answer {
  const names = Object.keys(answers);
  if (names.length === 0) throw new Error('no implementation answered: none could start');
  const normalised = names.map((name) => ({ ...answers[name]!, text: normalise(answers[name]!.text) }));
  const [first, ...others] = normalised;
  others.forEach((other, index) => expect(other, `${names[index + 1]} must answer as ${names[0]} does`).toEqual(first));
  return answers[names[0]!]!;
}

// A strict ajv of the tests' own, independent of the options the implementations validate with.
const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<Schema, ValidateFunction>();

/** Checks a body against a contract schema, showing ajv's errors when it does not fit. */
export function expectValid(schema: Schema, body: unknown): void {
  const validate = validators.get(schema) ?? ajv.compile(schema);
  validators.set(schema, validate);
  validate(body);
  expect(validate.errors ?? []).toEqual([]);
}

/** A JSON answer's body, checked against its schema. */
export function expectJson(answer: Answer, status: number, schema: Schema): unknown {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json\b/);
  const body: unknown = JSON.parse(answer.text);
  expectValid(schema, body);
  return body;
}

/**
 * Sends the same request to every implementation and checks that they all answer alike, with the
 * contract's error shape, the expected status and a message that says what was wrong.
 */
export async function expectSameError(
  targets: Targets,
  path: string,
  init: RequestInit | (() => RequestInit),
  status: number,
  message: string | RegExp,
): Promise<Answer> {
  const answer = expectSameAnswers(await sendToAll(targets, path, init));
  const body = expectJson(answer, status, errorResponseSchema) as ErrorResponse;
  expect(body.statusCode).toBe(status);
  if (typeof message === 'string') expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
  return answer;
}
