import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abSuite, useAbProject } from './ab-project.ts';

// Waiting on a timer rather than the CPU keeps the test steady when other work shares the machine.
const server = (waitMs: number): string => `import http from 'node:http';
const WAIT_MS = ${waitMs};
const server = http.createServer((request, response) => {
  setTimeout(() => response.end('ok'), WAIT_MS);
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

// A project of its own in a git repository: a server whose handler waits WAIT_MS, a suite, and
// a config with the plugin. The base revision is HEAD; the working tree is what is judged.
const project = useAbProject(
  {
    server: server(3),
    suite: abSuite(`stopGracePeriod: 1 }],
  request: { path: '/work' },
  connections: 1,
  warmup: '300ms',
  duration: '1s',
  rounds: { min: 3, max: 8 },
  gate: { maxP95Increase: '100%', noiseFloor: '20%' },`),
  },
  'vitest-load-ab-',
);
const runAgainstHead = () => project.run({ VITEST_LOAD_BASE: 'HEAD' });
const checkouts = (output: string): string[] =>
  [...output.matchAll(/checking it out in (\S+)/g)].map((match) => match[1]!);
let firstCheckouts: string[] = [];

describe.sequential('same-job A/B against a git ref, end to end', () => {
  it('passes unchanged code, measured in interleaved rounds against its own base checkout', async () => {
    const { exitCode, output } = await runAgainstHead();
    expect(exitCode, output).toBe(0);
    expect(output).toMatch(/judging against HEAD \(merge base [0-9a-f]{8}\)/);
    expect(output).toMatch(/work\s+server .* pass/);
    firstCheckouts = checkouts(output);
    expect(firstCheckouts).toHaveLength(1);
  });

  it('fails a handler slowed in the working tree, naming the base, the change, its interval and the rounds', async () => {
    await project.write('server.mjs', server(25));
    const { exitCode, output } = await runAgainstHead();
    expect(exitCode, output).toBe(1);
    expect(output).toMatch(
      /work × server: p95 regressed \+\d+\.\d% \(95% CI \+\d+\.\d% … \+\d+\.\d%, \d+ rounds each; could detect ≥ \d+\.\d%\): now \d+\.\d+ ms, base \d+\.\d+ ms at HEAD \(merge base [0-9a-f]{8}\)/,
    );
    // The base checkout set up by the first run was reused, and it still holds the base's code.
    expect(output).toContain('set up earlier');
    expect(await readFile(join(firstCheckouts[0]!, 'server.mjs'), 'utf8')).toContain('const WAIT_MS = 3;');
  });
});
