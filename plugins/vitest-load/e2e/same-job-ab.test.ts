import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVitestIn } from './run-vitest.ts';

// A project of its own in a git repository: a server whose handler costs BUSY_MS, a suite, and
// a config with the plugin. The base revision is HEAD; the working tree is what is judged.
const pluginSource = fileURLToPath(new URL('../src/', import.meta.url));
let repo = '';
const checkouts = new Set<string>();

// Waiting on a timer rather than the CPU keeps the test steady when other work shares the machine.
const server = (waitMs: number): string => `import http from 'node:http';
const WAIT_MS = ${waitMs};
const server = http.createServer((request, response) => {
  setTimeout(() => response.end('ok'), WAIT_MS);
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const suite = `import { bench } from ${JSON.stringify(join(pluginSource, 'index.ts'))};
bench.load('work', {
  targets: [{ name: 'server', command: process.execPath, args: ['server.mjs'], stopGracePeriod: 1 }],
  request: { path: '/work' },
  connections: 1,
  warmup: '300ms',
  duration: '1s',
  rounds: { min: 3, max: 8 },
  gate: { maxP95Increase: '100%', noiseFloor: '20%' },
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

async function runAgainstHead(): Promise<{ exitCode: number | null; output: string }> {
  const { done } = startVitestIn(repo, [], { VITEST_LOAD_BASE: 'HEAD' });
  const run = await done;
  for (const match of run.output.matchAll(/checking it out in (\S+)/g)) checkouts.add(match[1]!);
  return run;
}

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'vitest-load-ab-'));
  await writeFile(join(repo, 'server.mjs'), server(3));
  await writeFile(join(repo, 'work.load.ts'), suite);
  await writeFile(join(repo, 'vitest.config.mjs'), config);
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
});

afterAll(async () => {
  for (const checkout of checkouts) await rm(checkout, { recursive: true, force: true });
  await rm(repo, { recursive: true, force: true });
});

describe.sequential('same-job A/B against a git ref, end to end', () => {
  it('passes unchanged code, measured in interleaved rounds against its own base checkout', async () => {
    const { exitCode, output } = await runAgainstHead();
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/judging against HEAD \(merge base [0-9a-f]{8}\)/);
    expect(output).toMatch(/work\s+server .* pass/);
    expect(checkouts.size).toBe(1);
  });

  it('fails a handler slowed in the working tree, naming the base, the change, its interval and the rounds', async () => {
    await writeFile(join(repo, 'server.mjs'), server(25));
    const { exitCode, output } = await runAgainstHead();
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(
      /work × server: p95 regressed \+\d+\.\d% \(95% CI \+\d+\.\d% … \+\d+\.\d%, \d+ rounds each; could detect ≥ \d+\.\d%\): now \d+\.\d+ ms, base \d+\.\d+ ms at HEAD \(merge base [0-9a-f]{8}\)/,
    );
    // The base checkout set up by the first run was reused, and it still holds the base's code.
    expect(output).toContain('set up earlier');
    const [checkout] = [...checkouts];
    expect(await readFile(join(checkout!, 'server.mjs'), 'utf8')).toContain('const WAIT_MS = 3;');
  });
});
