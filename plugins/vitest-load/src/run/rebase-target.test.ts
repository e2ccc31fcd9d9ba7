import { describe, expect, it } from 'vitest';
import { targetFixture } from '../testing/target-fixture.ts';
import { rebaseTarget } from './rebase-target.ts';

const target = targetFixture({
  name: 'api',
  command: '/repo/node_modules/.bin/tsx',
  args: ['/repo/src/server.ts', '--port=0', '/elsewhere/config.json'],
  cwd: 'services/api',
  env: { CONFIG: '/repo/config.json', MODE: 'fast' },
  sidecars: [{ name: 'stub', command: 'node', args: ['stub.mjs'], cwd: 'stubs', urlEnv: 'STUB_URL' }],
});

describe('rebaseTarget', () => {
  const rebased = rebaseTarget(target, '/repo', '/tmp/base');

  it('points paths inside the head checkout into the base checkout', () => {
    expect(rebased.command).toBe('/tmp/base/node_modules/.bin/tsx');
    expect(rebased.args).toEqual(['/tmp/base/src/server.ts', '--port=0', '/elsewhere/config.json']);
    expect(rebased.env).toEqual({ CONFIG: '/tmp/base/config.json', MODE: 'fast' });
  });

  it('leaves relative paths to be resolved against the base checkout', () => {
    expect(rebased.cwd).toBe('services/api');
  });

  it('keeps the sidecars of the head checkout, so both sides see the same outside world', () => {
    expect(rebased.sidecars[0]!.cwd).toBe('/repo/stubs');
  });
});
