#!/usr/bin/env node
// `vitest-load noise [suite files...] [--rounds N] [--project NAME]`: runs the suites A/A (the
// same code on both sides of a duet, VITEST_LOAD_NOISE=1) and prints this machine's spread per
// round and the smallest change the gate could detect with 3, 5, 10 and 20 rounds, so that a
// team sets its threshold and rounds from a measurement rather than a guess.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatNoiseTable, noiseRows, type AaResult } from './noise-summary.ts';
import { vegetaJudge, vegetaUsage } from './vegeta-judge.ts';

const usage = `usage: vitest-load noise [suite files...] [--rounds N (default 10)] [--project NAME (default perf)] [--reports DIR (default reports)]
       ${vegetaUsage.replace('usage: ', '')}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'vegeta') return vegetaJudge(rest, (line) => console.log(line));
  if (command !== 'noise') {
    console.error(usage);
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '10' },
      project: { type: 'string', default: 'perf' },
      reports: { type: 'string', default: 'reports' },
    },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 3 || rounds > 100) {
    console.error(
      `--rounds must be a whole number from 3 to 100 (an interval needs three pairs), got "${values.rounds}"`,
    );
    return 2;
  }
  const run = spawnSync('npx', ['vitest', 'run', '--project', values.project, ...positionals], {
    stdio: 'inherit',
    env: {
      ...process.env,
      VITEST_LOAD_NOISE: '1',
      VITEST_LOAD_ROUNDS: String(rounds),
      VITEST_LOAD_LATENCY_GATE: 'report',
    },
  });
  const file = resolve(values.reports, 'results.json');
  let results: Array<{
    scenario: string;
    target: string;
    verdict: { change?: AaResult['change']; cpuChange?: AaResult['change'] };
  }>;
  try {
    results = (JSON.parse(readFileSync(file, 'utf8')) as { results: typeof results }).results;
  } catch (error) {
    console.error(
      `no results to summarise in ${file} (${error instanceof Error ? error.message : String(error)}); the run exited with ${String(run.status)}`,
    );
    return 1;
  }
  const rows = noiseRows(
    results.map((entry) => ({
      scenario: entry.scenario,
      target: entry.target,
      ...(entry.verdict.change ? { change: entry.verdict.change } : {}),
      ...(entry.verdict.cpuChange ? { cpuChange: entry.verdict.cpuChange } : {}),
    })),
  );
  console.log(
    `\nA/A noise on this machine, ${rounds} duet rounds per result (detectable: the smallest true rise the gate calls regressed 80% of the time, noise floor included)\n`,
  );
  console.log(formatNoiseTable(rows));
  return run.status === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
