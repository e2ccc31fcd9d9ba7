import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runLabels } from '../src/targets/container-labels.ts';
import { loadTestcontainers } from '../src/targets/testcontainers.ts';
import { dockerPs, engine, noEngine, ourContainers } from './containers.ts';
import { runFixtureVitest, startFixtureVitest, useTemporaryBaselineDir } from './run-vitest.ts';

const suite = 'suites/container.load.ts';
const baselineDir = useTemporaryBaselineDir();
const onContainers = (env: Record<string, string> = {}) => ({
  E2E_BASELINE_DIR: baselineDir(),
  VITEST_LOAD_RUNTIME: 'container',
  ...env,
});

async function expectNothingLeft(output: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let left = await ourContainers();
  while (left.containers.length + left.networks.length > 0 && Date.now() < deadline) {
    await delay(250);
    left = await ourContainers();
  }
  expect(left, `${output}\n${await dockerPs()}`).toEqual({ containers: [], networks: [] });
}

// Where an engine answers, the run is given a mount namespace in which its socket is not one.
const hideEngine = engine.answers
  ? ['unshare', '--mount', 'sh', '-c', 'mount --bind /dev/null /var/run/docker.sock && exec "$@"', 'sh']
  : [];
const canHideEngine =
  !engine.answers || (process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'true']).status === 0);

it.skipIf(!canHideEngine)(
  'falls back to processes on auto when no engine answers, in one line that says why, and passes',
  async () => {
    const { exitCode, output } = await runFixtureVitest(
      [suite],
      { E2E_BASELINE_DIR: baselineDir(), VITEST_LOAD_RUNTIME: 'auto', DOCKER_HOST: '' },
      hideEngine,
    );
    const lines = output.split('\n').filter((line) => line.startsWith('vitest-load: runtime'));
    expect(lines, output).toEqual([
      expect.stringMatching(
        /^vitest-load: runtime process \(VITEST_LOAD_RUNTIME=auto: no container engine answered: .+\)$/,
      ),
    ]);
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/in a container\s+busy-server\s/);
  },
);

// Skipped only when no engine can be had here, with the reason in the test's name and as its skip note.
describe.skipIf(noEngine !== undefined)(
  noEngine ? `the container runtime (skipped: ${noEngine})` : 'the container runtime',
  () => {
    it('runs the target in a container, records the runtime and the limits, and leaves no container or network behind', async () => {
      const { exitCode, output } = await runFixtureVitest([suite], onContainers({ E2E_CONTAINER_LIMITS: '1' }));
      expect(exitCode, output).toBe(0);
      expect(output).toMatch(/^vitest-load: runtime container \(VITEST_LOAD_RUNTIME=container; engine .+\)$/m);
      const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
      const environment = results.results[0].environment;
      expect(environment.runtime).toBe('container');
      expect(environment.containers).toMatchObject({ cpus: 1, memoryMb: 256, images: { node: expect.any(String) } });
      expect(output).toMatch(/in a container\s+busy-server \(container\)/);
      await expectNothingLeft(output);
    });

    it('starts PostgreSQL and Redis containers that the target reaches by name in the run network, and removes them', async () => {
      const { exitCode, output } = await runFixtureVitest([suite], onContainers({ E2E_SERVICES: '1' }));
      expect(exitCode, output).toBe(0);
      expect(output).toMatch(
        /vitest-load: PostgreSQL 1\d\.\d+ \(started by vitest-load\) at postgres:\/\/postgres@127\.0\.0\.1:\d+\/lab; .*fsync=off/,
      );
      expect(output).toMatch(/vitest-load: Redis \d+\.\d+\.\d+ \(started by vitest-load\)/);
      expect(output).toMatch(/check passed: Redis counted \d+ hits for \d+ created responses/);
      await expectNothingLeft(output);
    });

    it('runs each target on both runtimes side by side, labelled by runtime, in the table and in the results', async () => {
      const { exitCode, output } = await runFixtureVitest(
        [suite],
        onContainers({ VITEST_LOAD_RUNTIME: 'both', E2E_SERVICES: '1' }),
      );
      expect(exitCode, output).toBe(0);
      expect(output).toMatch(
        /^vitest-load: runtimes process and container side by side \(VITEST_LOAD_RUNTIME=both; engine .+\)$/m,
      );
      // Two rows of one scenario, one under the other.
      expect(output).toMatch(/^in a container\s+probe-server\s+.*\n^in a container\s+probe-server \(container\)\s+/m);
      const results = JSON.parse(await readFile(join(baselineDir(), 'reports', 'results.json'), 'utf8'));
      expect(
        results.results.map(
          (result: { target: string; environment: { runtime: string } }) =>
            `${result.target}: ${result.environment.runtime}`,
        ),
      ).toEqual(['probe-server: process', 'probe-server (container): container']);
      await expectNothingLeft(output);
    });

    it('fails with the exit code and output of a target container that dies under load, and removes it', async () => {
      const { exitCode, output } = await runFixtureVitest([suite], onContainers({ E2E_CRASH: '1' }));
      expect(exitCode, output).toBe(1);
      expect(output).toContain('Target "busy-server" exited with code 3 while it was under test');
      expect(output).toContain('fatal: simulated crash in the request handler');
      await expectNothingLeft(output);
    });

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`leaves no container or network behind when the run gets ${signal} during a load`, async () => {
        const { child, done } = startFixtureVitest([suite], onContainers({ E2E_SERVICES: '1', E2E_LONG: '1' }));
        const deadline = Date.now() + 90_000;
        // The services and the target are up once three containers are.
        while ((await ourContainers()).containers.length < 3 && Date.now() < deadline) await delay(250);
        await delay(2000);
        child.kill(signal);
        const { output } = await done;
        await expectNothingLeft(output);
      });
    }

    it('first removes what a crashed earlier run left behind', async () => {
      const { GenericContainer } = await loadTestcontainers();
      const image = process.env.VITEST_LOAD_IMAGE_NODE || 'node:20-bookworm-slim';
      // A run whose owner process is gone: PID 2^22 + 1 is above Linux's PID limit.
      const left = await new GenericContainer(image)
        .withLabels(runLabels('crashed-run', 2 ** 22 + 1))
        .withCommand(['sleep', '300'])
        .start();
      const { exitCode, output } = await runFixtureVitest([suite], onContainers());
      expect(exitCode, output).toBe(0);
      expect(output).toContain(
        'vitest-load: removed 1 container(s) and 0 network(s) left by an earlier run that did not finish',
      );
      expect((await ourContainers()).containers.join('\n')).not.toContain(left.getName());
      await expectNothingLeft(output);
    });

    it('fails naming the option when a target has no container build', async () => {
      const { exitCode, output } = await runFixtureVitest(['suites/no-container.load.ts'], onContainers());
      expect(exitCode, output).toBe(1);
      expect(output).toContain(
        'Target "busy-server" has no "container" option, so it cannot run on the container runtime',
      );
      await expectNothingLeft(output);
    });
  },
);
