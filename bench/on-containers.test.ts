import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engine, noEngine, ourContainers } from '../plugins/vitest-load/e2e/containers.ts';

// The lab's basic suites on the container runtime, beside the process runtime in the same run
// (VITEST_LOAD_RUNTIME=both), as the container runtime's end-to-end test in CI (.ci/run, after
// scripts/containers/setup.sh). Without an engine it is skipped, and its name says why.

const root = fileURLToPath(new URL('..', import.meta.url));
const vitestCli = fileURLToPath(
  new URL('vitest.mjs', pathToFileURL(createRequire(import.meta.url).resolve('vitest/package.json'))),
);

function runPerf(args: string[], env: Record<string, string>): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitestCli, 'run', '--project', 'perf', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (exitCode) => resolve({ exitCode, output }));
  });
}

interface ResultRow {
  scenario: string;
  target: string;
  result: { errors: number };
  environment: { runtime: string };
}

describe.skipIf(noEngine !== undefined)(
  noEngine ? `the lab on containers (skipped: ${noEngine})` : 'the lab on containers',
  () => {
    it(
      'passes the basic suites on both implementations in containers, side by side with processes, and leaves no container behind',
      { timeout: 30 * 60_000 },
      async () => {
        // Express and Fastify, the implementations with a container (bench/targets.ts), and a smoke
        // load each: this checks that both runtimes run the suites, not how fast.
        const { exitCode, output } = await runPerf(
          ['bench/basic', '-t', '(^|\\s)(express|fastify)( \\(container\\))?$'],
          {
            VITEST_LOAD_RUNTIME: 'both',
            VITEST_LOAD_SMOKE: '1',
            LAB_VARIANTS: 'none',
          },
        );
        // The table, for the CI log: each scenario's process and container rows one under the other.
        console.log(output.slice(output.lastIndexOf('vitest-load results')));
        expect(exitCode, output).toBe(0);
        expect(output).toContain(
          `vitest-load: runtimes process and container side by side (VITEST_LOAD_RUNTIME=both; ${engine.answers ? engine.description : ''})`,
        );
        const { results } = JSON.parse(await readFile(`${root}/reports/results.json`, 'utf8')) as {
          results: ResultRow[];
        };
        const scenarios = [...new Set(results.map((row) => row.scenario))];
        expect(scenarios.length).toBeGreaterThanOrEqual(8);
        for (const scenario of scenarios) {
          const rows = results
            .filter((row) => row.scenario === scenario)
            .map((row) => `${row.target}: ${row.environment.runtime}, ${row.result.errors} errors`);
          expect(rows, scenario).toEqual([
            'express: process, 0 errors',
            'express (container): container, 0 errors',
            'fastify: process, 0 errors',
            'fastify (container): container, 0 errors',
          ]);
        }
        expect(await ourContainers()).toEqual({ containers: [], networks: [] });
      },
    );
  },
);
