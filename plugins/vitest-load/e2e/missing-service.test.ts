import { expect, it } from 'vitest';
import { usePathWithout } from './path-without.ts';
import { runFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const baselineDir = useTemporaryBaselineDir();
const pathWithoutRedis = usePathWithout('redis-server');

it('fails only the target that needs a service which cannot start, with the line that installs it', async () => {
  const { exitCode, output } = await runFixtureVitest(['suites/missing-service.load.ts'], {
    E2E_BASELINE_DIR: baselineDir(),
    E2E_SERVICES: 'redis',
    PATH: pathWithoutRedis(),
    REDIS_URL: '',
  });
  expect(exitCode, output).toBe(1);
  // Said once at the start, and again by the test of the target that needs it.
  expect(output).toContain(
    'vitest-load: Redis could not start, so the targets that use it will fail (the others run): redis-server is not on the PATH',
  );
  expect(output).toContain(
    'Target "cached-server" uses the service "redis", which could not start: redis-server is not on the PATH: install it (Debian/Ubuntu: apt-get install -y redis-server;',
  );
  expect(output).toMatch(/× cached-server/);
  expect(output).toMatch(/✓ plain-server/);
  expect(output).toContain('Tests  1 failed | 1 passed (2)');
  expect(output).not.toContain('No test files found');
});
