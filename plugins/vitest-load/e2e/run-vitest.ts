import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const fixtureRoot = fileURLToPath(new URL('./fixture/', import.meta.url));
// The package's own CLI entry, beside its resolved package.json.
const vitestCli = fileURLToPath(
  new URL('vitest.mjs', pathToFileURL(createRequire(import.meta.url).resolve('vitest/package.json'))),
);

export interface VitestRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Starts the fixture project in a child Vitest, as a user's terminal or CI would. */
export function startFixtureVitest(
  args: string[],
  env: Record<string, string>,
  wrapper: string[] = [],
  runtime: string[] = [process.execPath],
): { child: ChildProcess; done: Promise<VitestRun> } {
  return startVitestIn(fixtureRoot, args, env, wrapper, runtime);
}

/** Deno, from the `deno` package's binary, running a script with every permission (`deno run -A`). */
export function denoRuntime(): string[] {
  const binary = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno');
  return [binary, 'run', '-A'];
}

/**
 * Starts a child Vitest on the project at `root`, on `runtime` (this Node by default), under
 * `wrapper` (a command that runs it) if given.
 */
export function startVitestIn(
  root: string,
  args: string[],
  env: Record<string, string>,
  wrapper: string[] = [],
  runtime: string[] = [process.execPath],
): { child: ChildProcess; done: Promise<VitestRun> } {
  const command = [...wrapper, ...runtime, vitestCli, 'run', '--root', root, ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, CI: '', VITEST_LOAD_LATENCY_GATE: '', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<VitestRun>((resolve) => {
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal, output }));
  });
  return { child, done };
}

/** `wrapper` goes before the command, for example to run it in a namespace of its own. */
export function runFixtureVitest(
  args: string[],
  env: Record<string, string>,
  wrapper: string[] = [],
  runtime: string[] = [process.execPath],
): Promise<VitestRun> {
  return startFixtureVitest(args, env, wrapper, runtime).done;
}

/** A temporary baseline folder for the tests of one file, removed after them. */
export function useTemporaryBaselineDir(): () => string {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vitest-load-e2e-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  return () => folder;
}
