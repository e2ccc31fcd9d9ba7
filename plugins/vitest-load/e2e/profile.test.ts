import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abSuite, useAbProject } from './ab-project.ts';

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

// A project of its own in a git repository: a server, a suite and a config with the plugin. The
// base revision answers at once; the working tree burns the CPU in one named function. The
// assertions name frames, never durations: millions of iterations per request against
// none is far beyond any noise in which frame holds the most self time.
const project = useAbProject(
  {
    server: server(0),
    head: server(3_000_000),
    suite: abSuite(`stopGracePeriod: 2 }],
  request: { path: '/work' },
  connections: 1,
  warmup: '300ms',
  duration: '1s',
  rounds: { min: 3, max: 4 },
  gate: { maxP95Increase: '50%', noiseFloor: '20%' },`),
  },
  'vitest-load-profile-',
);
const run = (env: Record<string, string>) => project.run(env);

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
    const html = await readFile(join(project.root(), 'reports', 'report.html'), 'utf8');
    expect(html).toContain('class="flame-differential"');
  });
});
