import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startVitestIn, type VitestRun } from './run-vitest.ts';

const pluginSource = fileURLToPath(new URL('../src/', import.meta.url));

/** A suite of one target, `server.mjs` on node, loaded at one connection; the options after them are the test's. */
export function abSuite(options: string): string {
  return `import { bench } from ${JSON.stringify(join(pluginSource, 'index.ts'))};
bench.load('work', {
  targets: [{ name: 'server', command: process.execPath, args: ['server.mjs'], ${options}
});
`;
}

const config = `import { vitestLoad } from ${JSON.stringify(join(pluginSource, 'plugin.ts'))};
export default { plugins: [vitestLoad({ baseSetup: 'true', latencyGate: 'enforce' })], test: { include: ['*.load.ts'] } };
`;

export interface AbProject {
  /** The repository's folder, once the tests have started. */
  root(): string;
  /** Writes a file of the working tree (the head). */
  write(name: string, content: string): Promise<void>;
  /** A child Vitest in the repository; the base checkouts it makes are removed after the tests. */
  run(env: Record<string, string>): Promise<VitestRun>;
}

/**
 * A project of its own in a git repository, for the tests of one file: `server.mjs`, a suite and a
 * config with the plugin, committed as the base; `head` (if given) then rewrites the server in
 * the working tree. Removed, with every base checkout a run made, after the tests.
 */
export function useAbProject(files: { server: string; suite: string; head?: string }, prefix: string): AbProject {
  let repo = '';
  const checkouts = new Set<string>();
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), prefix));
    await writeFile(join(repo, 'server.mjs'), files.server);
    await writeFile(join(repo, 'work.load.ts'), files.suite);
    await writeFile(join(repo, 'vitest.config.mjs'), config);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    if (files.head !== undefined) await writeFile(join(repo, 'server.mjs'), files.head);
  });
  afterAll(async () => {
    for (const checkout of checkouts) await rm(checkout, { recursive: true, force: true });
    await rm(repo, { recursive: true, force: true });
  });
  return {
    root: () => repo,
    write: (name, content) => writeFile(join(repo, name), content),
    run: async (env) => {
      const finished = await startVitestIn(repo, [], env).done;
      for (const match of finished.output.matchAll(/checking it out in (\S+)/g)) checkouts.add(match[1]!);
      return finished;
    },
  };
}
