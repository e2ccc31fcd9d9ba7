// Scenarios 03 and 04, the /users routes: every implementation reads the seeded users of the real
// database the contract project's global setup prepares, writes new ones in a transaction, and
// answers bad input, missing users, taken emails and a database that is down alike.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { prepareLabDatabase, SEEDED_USERS } from '../../../fixtures/lab-database.ts';
import { seededUsers } from '../../../fixtures/seed-users.ts';
import {
  errorMessages,
  userListSchema,
  userSchema,
  type CreateUserRequest,
  type User,
  type UserList,
} from './index.ts';
import { databaseUnavailableMessage, userPath } from '../../node-backend/src/index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll } from './testing/answers.ts';
import {
  closedPortUrl,
  type ImplementationName,
  implementationsServing,
  startTargets,
  stopTargets,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('03', '04');

const databaseUrl = inject('databaseUrl');
const seeded: User[] = [...seededUsers(SEEDED_USERS)];
const missingId = 100_000_000;
let targets: Targets;
let database: pg.Client;

beforeAll(async () => {
  targets = await startTargets({}, names);
  database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
});

afterAll(async () => {
  await stopTargets(targets);
  await database?.end();
  // Back to the seeded rows alone, for whatever runs on this database next.
  await prepareLabDatabase(databaseUrl);
});

const run = randomUUID().slice(0, 8);
let created = 0;

/** A new user whose email no other request of any run uses. */
function newUser(overrides: Partial<CreateUserRequest> = {}): CreateUserRequest {
  return { email: `contract-${run}-${++created}@example.test`, name: 'Zoë Ünal-Ødegård', country: 'NO', ...overrides };
}

function postJson(text: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: text };
}

function postUser(body: unknown): RequestInit {
  return postJson(JSON.stringify(body));
}

async function storedRows(email: string): Promise<{ id: string; name: string; country: string; created_at: Date }[]> {
  return (await database.query('SELECT id, name, country, created_at FROM users WHERE email = $1', [email])).rows;
}

describe.each(names)('%s', (name) => {
  const get = (path: string) => send(targets[name]!.baseUrl, path);
  const post = (body: unknown) => send(targets[name]!.baseUrl, '/users', postUser(body));

  it('lists the first 20 seeded users by ascending id when no limit is given', async () => {
    const answer = await get('/users');
    expect(expectJson(answer, 200, userListSchema)).toEqual({ users: seeded.slice(0, 20) });
    // The fixture writes its keys in the schema's order, so even the bytes must be the same.
    expect(answer.text).toBe(JSON.stringify({ users: seeded.slice(0, 20) }));
  });

  it.each([1, 100])('lists exactly the first %i seeded users when asked for that many', async (limit) => {
    const body = expectJson(await get(`/users?limit=${limit}`), 200, userListSchema) as UserList;
    expect(body.users.map((user) => user.id)).toEqual(Array.from({ length: limit }, (_, index) => index + 1));
    expect(body).toEqual({ users: seeded.slice(0, limit) });
  });

  it.each([1, 4242, SEEDED_USERS])('answers GET /users/%i with the seeded row', async (id) => {
    const answer = await get(`/users/${id}`);
    expect(expectJson(answer, 200, userSchema)).toEqual(seeded[id - 1]);
    expect(answer.text).toBe(JSON.stringify(seeded[id - 1]));
  });

  it('creates a user with 201, its location, and the row in the table', async () => {
    const request = newUser();
    const answer = await post(request);
    const user = expectJson(answer, 201, userSchema) as User;
    expect(user).toMatchObject(request);
    expect(user.id).toBeGreaterThan(SEEDED_USERS);
    expect(user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(answer.location).toBe(userPath(user.id));
    // In the schema's key order, with the name's non-ASCII letters as they are.
    expect(answer.text).toBe(JSON.stringify({ id: user.id, ...request, createdAt: user.createdAt }));

    const [row, ...others] = await storedRows(request.email);
    expect(others).toEqual([]);
    expect({
      id: Number(row?.id),
      name: row?.name,
      country: row?.country,
      createdAt: row?.created_at.toISOString(),
    }).toEqual({
      id: user.id,
      name: request.name,
      country: request.country,
      createdAt: user.createdAt,
    });
    expect(expectJson(await get(userPath(user.id)), 200, userSchema)).toEqual(user);
  });
});

describe('every implementation answers /users alike', () => {
  it.each(['/users?limit=100', '/users/42'])('gives the same body for GET %s', async (path) => {
    const answer = expectSameAnswers(await sendToAll(targets, path));
    expectJson(answer, 200, path.includes('?') ? userListSchema : userSchema);
  });

  it.each([
    ['limit=0', 'querystring/limit must be >= 1'],
    ['limit=101', 'querystring/limit must be <= 100'],
    ['limit=abc', 'querystring/limit must be integer'],
    ['limit=2.5', 'querystring/limit must be integer'],
    ['limit=', 'querystring/limit must be integer'],
    ['limit=1&limit=2', 'querystring/limit must be integer'],
    ['offset=20', "querystring must NOT have additional properties: 'offset'"],
  ])('rejects GET /users?%s with a 400 naming the field', async (query, message) => {
    await expectSameError(targets, `/users?${query}`, {}, 400, message);
  });

  it.each([
    ['abc', 'params/id must be integer'],
    ['1.5', 'params/id must be integer'],
    ['0', 'params/id must be >= 1'],
    ['-1', 'params/id must be >= 1'],
    ['9007199254740992', 'params/id must be <= 9007199254740991'],
  ])('rejects GET /users/%s with a 400 naming the id', async (id, message) => {
    await expectSameError(targets, `/users/${id}`, {}, 400, message);
  });

  it('answers a user that does not exist with a 404 naming its id', async () => {
    await expectSameError(targets, `/users/${missingId}`, {}, 404, errorMessages.userNotFound(missingId));
  });

  it.each(['/users/', '/users/1/'])('matches paths exactly, so %s is unknown', async (path) => {
    await expectSameError(targets, path, {}, 404, errorMessages.routeNotFound('GET', path));
  });

  it('answers an email that is taken with a 409 naming it, and writes nothing', async () => {
    const email = seeded[0]!.email;
    await expectSameError(
      targets,
      '/users',
      postUser(newUser({ email, name: 'Impostor' })),
      409,
      errorMessages.emailTaken(email),
    );
    expect(await storedRows(email)).toEqual([expect.objectContaining({ id: '1', name: seeded[0]!.name })]);
  });

  describe('rejects a body that breaks the contract with a 400 naming the field, and writes nothing', () => {
    it.each([
      [
        'an email without an @',
        { email: 'nobody.example.test' },
        'body/email must match pattern "^[^@\\s]+@[^@\\s]+$"',
      ],
      [
        'an email with a space',
        { email: 'no body@example.test' },
        'body/email must match pattern "^[^@\\s]+@[^@\\s]+$"',
      ],
      [
        'an email over 254 characters',
        { email: `${'a'.repeat(243)}@example.test` },
        'body/email must NOT have more than 254 characters',
      ],
      ['a country in lower case', { country: 'no' }, 'body/country must match pattern "^[A-Z]{2}$"'],
      ['a country of three letters', { country: 'NOR' }, 'body/country must match pattern "^[A-Z]{2}$"'],
      ['an empty name', { name: '' }, 'body/name must NOT have fewer than 1 characters'],
      ['a name over 100 characters', { name: 'n'.repeat(101) }, 'body/name must NOT have more than 100 characters'],
      ['a name that is not a string', { name: 42 }, 'body/name must be string'],
    ])('%s', async (_case, change, message) => {
      const body = { ...newUser(), ...change };
      await expectSameError(targets, '/users', postUser(body), 400, message);
      expect(await storedRows(body.email as string)).toEqual([]);
    });

    it('a missing field', async () => {
      const { name: _name, ...body } = newUser();
      await expectSameError(targets, '/users', postUser(body), 400, "body must have required property 'name'");
      expect(await storedRows(body.email)).toEqual([]);
    });

    it('an extra field', async () => {
      const body = { ...newUser(), role: 'admin' };
      await expectSameError(targets, '/users', postUser(body), 400, "body must NOT have additional properties: 'role'");
      expect(await storedRows(body.email)).toEqual([]);
    });

    it('malformed JSON', async () => {
      await expectSameError(targets, '/users', postJson('{"email": "a@b",'), 400, errorMessages.invalidJson);
    });

    it('a JSON value that is not an object', async () => {
      await expectSameError(targets, '/users', postJson('"a@b"'), 400, 'body must be object');
    });
  });

  it('refuses a body that is not JSON with a 415', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(newUser()) };
    await expectSameError(targets, '/users', init, 415, errorMessages.unsupportedMediaType);
  });
});

describe('a POST whose transaction fails', () => {
  // One connection, so that a connection not given back would stall the very next request.
  let singleConnection: Targets;

  beforeAll(async () => {
    singleConnection = await startTargets({ databasePoolSize: 1 }, names);
  });

  afterAll(() => stopTargets(singleConnection));

  it.each(names)(
    'leaves no row behind and %s serves the next requests on the same pool',
    async (name: ImplementationName) => {
      const { baseUrl } = singleConnection[name]!;
      const original = newUser();
      const first = expectJson(await send(baseUrl, '/users', postUser(original)), 201, userSchema) as User;

      for (let attempt = 1; attempt <= 3; attempt++) {
        const duplicate = await send(baseUrl, '/users', postUser({ ...original, name: `Duplicate ${attempt}` }));
        expect(duplicate.status).toBe(409);
      }
      expect(await storedRows(original.email)).toEqual([
        expect.objectContaining({ id: String(first.id), name: original.name }),
      ]);

      expect(expectJson(await send(baseUrl, userPath(first.id)), 200, userSchema)).toEqual(first);
      expect((await send(baseUrl, '/users', postUser(newUser()))).status).toBe(201);
    },
  );
});

describe('a database that is down', () => {
  let unreachable: Targets;

  beforeAll(async () => {
    const { port } = new URL(await closedPortUrl());
    unreachable = await startTargets({ databaseUrl: `postgres://lab@127.0.0.1:${port}/lab` }, names);
  });

  afterAll(() => stopTargets(unreachable));

  it.each([
    ['GET /users', '/users', {}],
    ['GET /users/:id', '/users/1', {}],
    ['POST /users', '/users', postUser(newUser())],
  ])('makes %s a 503 in the contract error shape at once, saying to try again', async (_route, path, init) => {
    // Not a bug of the request's making: a client may retry (a restarting database is back in a
    // moment), so it is a 503 with retry-after, and not logged as an unexpected failure.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await expectSameError(unreachable, path, init, 503, databaseUnavailableMessage);
      expect(answer.retryAfter).toBe('1');
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
