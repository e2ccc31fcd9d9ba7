import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { OutputTail } from '../targets/output-tail.ts';

const run = promisify(execFile);

/** The base revision, checked out and set up beside the working tree. */
export interface BaseCheckout {
  /** What the verdicts call it: "main (merge base 1a2b3c4d)". */
  label: string;
  commit: string;
  /** The Vitest root inside the checkout. */
  root: string;
}

export interface BaseCheckoutRequest {
  /** The Vitest root of the code under test, inside a git repository. */
  root: string;
  /** A git ref: the base is its merge base with HEAD, what a pull request would be compared with. */
  ref: string;
  /** Shell command that installs and builds a fresh checkout; default from the lockfile found. */
  setup?: string;
  log: (line: string) => void;
}

/**
 * Checks the base revision out in a git worktree under the system's temp folder and sets it up
 * (install, build), once per commit: a later run against the same base reuses it.
 */
export async function prepareBaseCheckout(request: BaseCheckoutRequest): Promise<BaseCheckout> {
  const top = (await git(request.root, ['rev-parse', '--show-toplevel'])).trim();
  const commit = (
    await git(request.root, ['merge-base', 'HEAD', request.ref]).catch((error: Error) => {
      throw new Error(
        `VITEST_LOAD_BASE="${request.ref}": git finds no merge base of HEAD and "${request.ref}" (${error.message.trim()}). Name a branch, tag or commit, e.g. VITEST_LOAD_BASE=origin/main.`,
      );
    })
  ).trim();
  const label = `${request.ref} (merge base ${commit.slice(0, 8)})`;
  const directory = join(
    tmpdir(),
    'vitest-load-base',
    `${createHash('sha256').update(top).digest('hex').slice(0, 8)}-${commit.slice(0, 12)}`,
  );
  const root = join(directory, relative(top, request.root));
  const readyMarker = join(directory, '.vitest-load-ready');
  const setup = request.setup ?? defaultSetup(top);

  if (existsSync(readyMarker) && readFileSync(readyMarker, 'utf8') === setup) {
    request.log(`vitest-load: judging against ${label}, set up earlier in ${directory}`);
    return { label, commit, root };
  }
  request.log(`vitest-load: judging against ${label}: checking it out in ${directory} and running: ${setup}`);
  await git(top, ['worktree', 'remove', '--force', directory]).catch(() => undefined);
  await rm(directory, { recursive: true, force: true });
  await git(top, ['worktree', 'prune']);
  await mkdir(join(tmpdir(), 'vitest-load-base'), { recursive: true });
  await git(top, ['worktree', 'add', '--detach', directory, commit]);
  await runSetup(setup, root, join(directory, '.vitest-load-setup.log'));
  await writeFile(readyMarker, setup);
  return { label, commit, root };
}

/** Install and build as the lockfile says; `--if-present`, since not every project builds. */
export function defaultSetup(top: string): string {
  if (existsSync(join(top, 'pnpm-lock.yaml')))
    return 'pnpm install --frozen-lockfile --prefer-offline && pnpm run --if-present build';
  if (existsSync(join(top, 'yarn.lock'))) return 'yarn install --frozen-lockfile && yarn run build';
  if (existsSync(join(top, 'package-lock.json'))) return 'npm ci && npm run --if-present build';
  return 'true';
}

async function git(cwd: string, args: string[]): Promise<string> {
  return (await run('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 })).stdout;
}

async function runSetup(command: string, cwd: string, logFile: string): Promise<void> {
  const output = openSync(logFile, 'w');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('sh', ['-c', command], {
        cwd,
        stdio: ['ignore', output, output],
        env: { ...process.env, CI: process.env.CI ?? '' },
      });
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) {
      const tail = new OutputTail(null, 20);
      tail.append(readFileSync(logFile, 'utf8'));
      throw new Error(
        `Setting up the base checkout failed (exit code ${code}) running: ${command}\nin ${cwd}; last lines of ${logFile}:\n${tail.text()}`,
      );
    }
  } finally {
    closeSync(output);
  }
}
