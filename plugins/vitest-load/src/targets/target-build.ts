import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** How to build a target, and which files tell whether the build is stale. */
export interface TargetBuild {
  command: string;
  args: string[];
  /** Folders or files whose changes call for a build, relative to the target's cwd. */
  inputs: string[];
  /** Folders or files the build writes, relative to the target's cwd. */
  outputs: string[];
}

/** The newest modification time under `path` (0 when it does not exist); node_modules folders count by their own time only. */
export async function newestChange(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(
    entries.filter((entry) => entry.name !== 'node_modules').map((entry) => newestChange(join(path, entry.name))),
  );
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Builds a target when a source is newer than its build output, as make would. In watch mode
 * this is what turns a saved source file into a restarted, rebuilt target; in a plain run
 * after `pnpm build` it costs a few directory listings.
 */
export async function buildIfStale(build: TargetBuild, cwd: string): Promise<{ built: boolean; seconds: number }> {
  const [newestInput, newestOutput] = await Promise.all([
    Promise.all(build.inputs.map((input) => newestChange(resolve(cwd, input)))).then((times) => Math.max(0, ...times)),
    Promise.all(build.outputs.map((output) => newestChange(resolve(cwd, output)))).then((times) =>
      times.some((time) => time === 0) ? 0 : Math.min(...times),
    ),
  ]);
  if (newestOutput > 0 && newestOutput >= newestInput) return { built: false, seconds: 0 };
  const started = performance.now();
  try {
    await execFileAsync(build.command, build.args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const output =
      `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`.trim();
    throw new Error(
      `Building the target failed (${[build.command, ...build.args].join(' ')} in ${cwd}):\n${output.split('\n').slice(-30).join('\n')}`,
    );
  }
  return { built: true, seconds: (performance.now() - started) / 1000 };
}
