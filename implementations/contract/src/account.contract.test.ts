// Scenario 20, one user journey end to end: log in, read the settings, change them, read them
// again, on every implementation, with the same answers and the same refusals.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prepareLoginUsers } from '../../../fixtures/cache-and-auth.ts';
import { queryLabDatabase } from '../../../fixtures/lab-database.ts';
import { loginUser, seededAccountSettings } from '../../../fixtures/login-users.ts';
import {
  accountSettingsSchema,
  authErrorMessages,
  errorMessages,
  loginResponseSchema,
  type AccountSettings,
  type LoginResponse,
} from './index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll } from './testing/answers.ts';
import {
  type ImplementationName,
  implementationsServing,
  startTargets,
  stopTargets,
  type Targets,
} from './testing/targets.ts';

/** The implementations whose lab.json serves this file's scenarios. */
const names = implementationsServing('20');

const secret = 'contract-test-secret';
let targets: Targets;

beforeAll(async () => {
  targets = await startTargets({ authSecret: secret }, names);
});

afterAll(async () => {
  await stopTargets(targets);
  // The settings as seeded again, for whatever runs on this database next.
  await prepareLoginUsers(inject('databaseUrl'));
});

function json(method: string, body: unknown, token?: string): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  return { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function bearer(token: string): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } };
}

async function accessTokenOf(baseUrl: string, id: number): Promise<string> {
  const { email, password } = loginUser(id);
  return (
    expectJson(
      await send(baseUrl, '/auth/login', json('POST', { email, password })),
      200,
      loginResponseSchema,
    ) as LoginResponse
  ).accessToken;
}

describe.each(names)('%s', (name: ImplementationName) => {
  // A user of each implementation's own, since the journey changes the user's settings.
  const userId = name === 'express' ? 12 : 13;
  const call = (path: string, init?: RequestInit) => send(targets[name]!.baseUrl, path, init);

  // The settings as seeded: the implementations after express (fastify, the variants) share user 13.
  beforeAll(() => prepareLoginUsers(inject('databaseUrl')));

  it('logs in, reads the settings, changes them and reads the change back', async () => {
    const token = await accessTokenOf(targets[name]!.baseUrl, userId);
    const before = seededAccountSettings(userId);

    const read = await call('/account/settings', bearer(token));
    expect(expectJson(read, 200, accountSettingsSchema)).toEqual(before);
    expect(read.text).toBe(JSON.stringify(before));

    const change = { displayName: 'Zoë Ünal-Ødegård', newsletter: !before.newsletter };
    const updated = expectJson(
      await call('/account/settings', json('PATCH', change, token)),
      200,
      accountSettingsSchema,
    ) as AccountSettings;
    const after = { ...before, ...change, version: before.version + 1 };
    expect(updated).toEqual(after);

    const readAgain = await call('/account/settings', bearer(token));
    expect(readAgain.text).toBe(JSON.stringify(after));
  });

  it('counts a version for every change, and changes only the fields it is given', async () => {
    const token = await accessTokenOf(targets[name]!.baseUrl, userId);
    const current = expectJson(
      await call('/account/settings', bearer(token)),
      200,
      accountSettingsSchema,
    ) as AccountSettings;
    const updated = expectJson(
      await call('/account/settings', json('PATCH', { language: 'sv' }, token)),
      200,
      accountSettingsSchema,
    );
    expect(updated).toEqual({ ...current, language: 'sv', version: current.version + 1 });
  });
});

describe('every implementation answers scenario 20 alike', () => {
  let token: string;

  beforeAll(async () => {
    token = await accessTokenOf(targets.express!.baseUrl, 14);
  });

  it('gives the same body for the same settings', async () => {
    const answer = expectSameAnswers(await sendToAll(targets, '/account/settings', bearer(token)));
    expect(expectJson(answer, 200, accountSettingsSchema)).toEqual(seededAccountSettings(14));
  });

  it.each([
    ['an empty change', {}, 'body must NOT have fewer than 1 properties'],
    ['an unknown field', { theme: 'dark' }, "body must NOT have additional properties: 'theme'"],
    ['a language in upper case', { language: 'EN' }, 'body/language must match pattern "^[a-z]{2}$"'],
    ['an empty display name', { displayName: '' }, 'body/displayName must NOT have fewer than 1 characters'],
    ['a newsletter flag that is not a boolean', { newsletter: 'yes' }, 'body/newsletter must be boolean'],
  ])('rejects %s with a 400 naming the field, and changes nothing', async (_case, body, message) => {
    await expectSameError(targets, '/account/settings', json('PATCH', body, token), 400, message);
    expect(JSON.parse((await send(targets.fastify!.baseUrl, '/account/settings', bearer(token))).text)).toEqual(
      seededAccountSettings(14),
    );
  });

  it('rejects malformed JSON from a signed-in user with a 400', async () => {
    await expectSameError(
      targets,
      '/account/settings',
      json('PATCH', '{"language":', token),
      400,
      errorMessages.invalidJson,
    );
  });

  it('refuses a change that is not JSON with a 415', async () => {
    const init = {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: 'language=sv',
    };
    await expectSameError(targets, '/account/settings', init, 415, errorMessages.unsupportedMediaType);
  });

  it.each([
    ['GET', {}],
    ['PATCH', json('PATCH', { language: 'sv' })],
  ])('refuses %s /account/settings without a token with a 401', async (_method, init) => {
    const answer = await expectSameError(targets, '/account/settings', init, 401, errorMessages.missingAuthorization);
    expect(answer.wwwAuthenticate).toBe('Bearer');
  });

  it.each(['/account/settings/', '/account', '/Account/settings'])(
    'matches paths exactly, so %s is unknown even with a token',
    async (path) => {
      await expectSameError(targets, path, bearer(token), 404, errorMessages.routeNotFound('GET', path));
    },
  );

  it('checks the token before it reads the body, so a broken body from no one is a 401', async () => {
    await expectSameError(
      targets,
      '/account/settings',
      json('PATCH', '{"language":'),
      401,
      errorMessages.missingAuthorization,
    );
  });

  it('answers a signed-in user without settings with a 404 naming the user', async () => {
    // User 15 logs in, and their settings row is then gone, as for an account made before settings were.
    const noSettingsToken = await accessTokenOf(targets.express!.baseUrl, 15);
    await queryLabDatabase(inject('databaseUrl'), 'DELETE FROM account_settings WHERE user_id = 15');
    await expectSameError(
      targets,
      '/account/settings',
      bearer(noSettingsToken),
      404,
      authErrorMessages.settingsNotFound(15),
    );
    await expectSameError(
      targets,
      '/account/settings',
      json('PATCH', { language: 'sv' }, noSettingsToken),
      404,
      authErrorMessages.settingsNotFound(15),
    );
  });
});
