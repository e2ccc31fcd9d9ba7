import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { vitestLoad } from 'vitest-load/plugin';

/** Every perf suite, for watch mode: they all load both implementations. */
function perfSuites(folder = 'bench'): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? perfSuites(join(folder, entry.name))
      : entry.name.endsWith('.load.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

// Projects in sequence groups: load suites and the plugin's end-to-end tests run after the
// fast tests and never beside them, since concurrent work on 2 cores would skew the figures.
export default defineConfig({
  test: {
    // In watch mode, saving an implementation's source or a migration re-runs the perf suites:
    // the targets rebuild themselves (their `build`) and restart; PostgreSQL stays up.
    watchTriggerPatterns: [
      { pattern: /\/(implementations\/[^/]+\/src\/.+\.ts|fixtures\/sql\/.+\.sql)$/, testsToRun: () => perfSuites() },
    ],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['plugins/*/src/**/*.test.ts', 'fixtures/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'contract',
          include: ['implementations/**/src/**/*.test.ts'],
          // A real PostgreSQL, migrated and seeded, for the routes that read and write users.
          globalSetup: ['implementations/contract/src/testing/database-setup.ts'],
          // Implementations that run as processes (implementations/*/lab.json) start in beforeAll
          // hooks, a JVM or a Rails app in tens of seconds; their builds run in the global setup.
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['plugins/*/e2e/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
      {
        plugins: [vitestLoad({ services: ['postgres', 'redis'], suitesDir: 'bench', postgres: { database: 'lab' } })],
        test: { name: 'perf', include: ['bench/**/*.load.ts'], sequence: { groupOrder: 2 } },
      },
      {
        // The lab's suites on the container runtime beside the process runtime (plugins/vitest-load/docs/containers.md):
        // `pnpm test:containers`, and in CI; skipped, with the reason, where no engine answers.
        test: {
          name: 'containers',
          include: ['bench/*.test.ts'],
          sequence: { groupOrder: 3 },
          testTimeout: 30 * 60_000,
        },
      },
    ],
  },
});
