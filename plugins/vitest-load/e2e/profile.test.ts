import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVitestIn } from './run-vitest.ts';

// A project of its own in a git repository: a server, a suite and a config with the plugin. The
// base revision answers at once; the working tree burns the CPU in one named function. The
// assertions name frames, never durations: millions of iterations per request against
// none is far beyond any noise in which frame holds the most self time.
const pluginSource = fileURLToPath(new URL('../src/', import.meta.url));
let repo = '';
const checkouts = new Set<string>();

// Arithmetic only, no clock read in the loop: the time is the function's own, not a native's it calls.
const server = (iterations: number): string => `import http from 'node:http';
function slowOnPurpose() {
  let sum = 0;
  for (let index = 0; index < ${iterations}; index++) sum = (sum * 31 + index) | 0;
  return sum;
}
const server = http.createServer((request, response) => {
  response.end(String(slowOnPurpose()));
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const suite = `import { bench } from ${JSON.stringify(join(pluginSource, 'index.ts'))};
bench.load('work', {
  targets: [{ name: 'server', command: process.execPath, args: ['server.mjs'], stopGracePeriod: 2 }],
  request: { path: '/work' },
  connections: 1,
  warmup: '300ms',
  duration: '1s',
  rounds: { min: 3, max: 4 },
  gate: { maxP95Increase: '50%', noiseFloor: '20%' },
});
`;

const config = `import { vitestLoad } from ${JSON.stringify(join(pluginSource, 'plugin.ts'))};
export default { plugins: [vitestLoad({ baseSetup: 'true', latencyGate: 'enforce' })], test: { include: ['*.load.ts'] } };
`;

const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], {
    cwd: repo,
    encoding: 'utf8',
  });

async function run(env: Record<string, string>): Promise<{ exitCode: number | null; output: string }> {
  const { done } = startVitestIn(repo, [], env);
  const finished = await done;
  for (const match of finished.output.matchAll(/checking it out in (\S+)/g)) checkouts.add(match[1]!);
  return finished;
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'vitest-load-profile-'));
  await writeFile(join(repo, 'server.mjs'), server(0));
  await writeFile(join(repo, 'work.load.ts'), suite);
  await writeFile(join(repo, 'vitest.config.mjs'), config);
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  await writeFile(join(repo, 'server.mjs'), server(3_000_000));
});

afterAll(async () => {
  for (const checkout of checkouts) await rm(checkout, { recursive: true, force: true });
  await rm(repo, { recursive: true, force: true });
});

describe.sequential('CPU profiles of a target slowed in one named function, end to end', () => {
  it('puts the slowed function first by self time in a profiled round asked for with VITEST_LOAD_PROFILE=1', async () => {
    const { output } = await run({ VITEST_LOAD_PROFILE: '1' });
    expect(output).toMatch(/CPU profile \(an extra round, not judged\): most self time: slowOnPurpose server\.mjs:2/);
    expect(output).toMatch(/profiler overhead -?\d+\.\d%/);
  });

  it('profiles base and head of a regressed A/B result and puts the slowed function at the top of what grew', async () => {
    const { exitCode, output } = await run({ VITEST_LOAD_BASE: 'HEAD' });
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(/grew most from base to head: slowOnPurpose server\.mjs:2/);
    const html = await readFile(join(repo, 'reports', 'report.html'), 'utf8');
    expect(html).toContain('class="flame-differential"');
  });
});
