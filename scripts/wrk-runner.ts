// wrk as a reference load generator for the lab's measurement scripts: one run, its exact
// percentiles (scripts/wrk-percentiles.lua), and medians over several runs.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { type LatencyPercentiles } from 'vitest-load/internal';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

export interface Figures {
  latency: Pick<LatencyPercentiles, 'p50' | 'p90' | 'p95' | 'p99' | 'max'>;
  requestsPerSecond: number;
  errors: number;
  /** The load generator's own CPU use, % of one core (ours only). */
  cpuPercent?: number;
}

/** wrk 4 (-t1) pinned to `loadCpus` for `seconds`; with `delayMs`, each connection waits that long after every response (paced). */
export async function wrk(
  url: string,
  connections: number,
  loadCpus: string,
  seconds: number,
  delayMs?: number,
): Promise<Figures> {
  const script = join(root, 'scripts', 'wrk-percentiles.lua');
  const args = [
    '-c',
    loadCpus,
    'wrk',
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
    '-s',
    script,
    `${url}/`,
  ];
  const { stdout } = await run('taskset', args, {
    env: { ...process.env, WRK_DELAY_MS: delayMs === undefined ? '' : String(delayMs) },
  });
  const line = stdout.split('\n').find((text) => text.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const [p50, p90, p95, p99, , max, count, durationMicros, errors] = line.split(' ').slice(1).map(Number) as number[];
  const ms = (micros: number | undefined): number => (micros ?? 0) / 1000;
  return {
    latency: { p50: ms(p50), p90: ms(p90), p95: ms(p95), p99: ms(p99), max: ms(max) },
    requestsPerSecond: (count ?? 0) / ((durationMicros ?? 1) / 1e6),
    errors: errors ?? 0,
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
export const medianFigures = (runs: Figures[]): Figures => ({
  latency: {
    p50: median(runs.map((r) => r.latency.p50)),
    p90: median(runs.map((r) => r.latency.p90)),
    p95: median(runs.map((r) => r.latency.p95)),
    p99: median(runs.map((r) => r.latency.p99)),
    max: median(runs.map((r) => r.latency.max)),
  },
  requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
  errors: runs.reduce((sum, r) => sum + r.errors, 0),
  ...(runs[0]?.cpuPercent === undefined ? {} : { cpuPercent: median(runs.map((r) => r.cpuPercent!)) }),
});
