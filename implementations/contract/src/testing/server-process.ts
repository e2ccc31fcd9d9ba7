// An implementation as production runs it: its manifest's `start` (lab.json) in a child process,
// configured through the environment only (Node's compiled dist/server.js with NODE_ENV=production,
// or the same file on Deno or Bun for a variant).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { inject } from 'vitest';
import { manifestOf, resolveCommand } from './manifests.ts';

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Everything written to standard output so far. */
  stdout(): string;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
  /** Why the process is gone although nobody stopped it (its exit code and stderr's tail), or undefined. */
  death(): string | undefined;
}

/** How long a server may take from its start to its `listening on` line (a JVM takes a while). */
const listeningTimeoutMs = 90_000;

/** The last lines of a process's output, for an error message. */
export function outputTail(text: string, characters = 3000): string {
  const trimmed = text.trimEnd();
  if (trimmed === '') return '(nothing)';
  return trimmed.length > characters ? `...${trimmed.slice(-characters)}` : trimmed;
}

/** Why the implementation cannot run in this test run (toolchain missing, build failed), from the global setup. */
export function implementationProblem(name: string): string | undefined {
  return inject('implementationProblems')?.[name];
}

/**
 * The compiled server a JavaScript runtime starts, which `pnpm build` makes: the first argument of
 * the manifest's start that names a script (`dist/server.js` for node, `deno run ...` and bun,
 * `dist/main.js` for NestJS), absolute; undefined for a start without one (a binary, a script of
 * another language).
 */
export function serverScript(name: string): string | undefined {
  const manifest = manifestOf(name);
  const script = manifest.start.args.find((arg) => /^[^-].*\.[cm]?js$/.test(arg));
  return script === undefined ? undefined : join(manifest.folder, script);
}

/** The child's environment: only what it is given, so nothing leaks in from the test's own. */
export function productionEnv(env: Record<string, string>, startEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  const passed: NodeJS.ProcessEnv = { PATH: process.env['PATH'] };
  // Where toolchains look for their caches; no setting of an implementation.
  for (const name of ['HOME', 'LANG', 'TMPDIR']) if (process.env[name] !== undefined) passed[name] = process.env[name];
  return { ...passed, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...startEnv, ...env };
}

/** The command, arguments and folder the manifest starts the implementation with. */
function startCommand(name: string): { command: string; args: string[]; cwd: string; env: Record<string, string> } {
  const manifest = manifestOf(name);
  const problem = implementationProblem(name);
  if (problem) throw new Error(problem);
  const { command, args, env } = manifest.start;
  // A clear error before `pnpm build`, whichever runtime would have said it otherwise.
  const script = serverScript(name);
  if (script !== undefined && !existsSync(script))
    throw new Error(`${script} does not exist: run \`pnpm build\` first`);
  // Node: the very node that runs the tests.
  if (command === 'node') return { command: process.execPath, args, cwd: manifest.folder, env };
  return { command: resolveCommand(manifest, command), args, cwd: manifest.folder, env };
}

function collect(child: ChildProcess): { stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return { stdout: () => stdout, stderr: () => stderr };
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return code === null ? `signal ${String(signal)}` : `code ${code}`;
}

export interface StartOptions {
  /** Called with each line the server writes to standard output after its `listening on` line. */
  onStdoutLine?: (line: string) => void;
}

/** Servers started here, by base URL, so that a failed request can tell that its server died. */
const running = new Map<string, ServerProcess>();
/** Those of them whose output lines a test reads (a request log). */
const watched = new Set<string>();

/**
 * After an answer of a server whose output a test reads: a moment for the lines it wrote with
 * the answer to come through the pipe, as an in-process logger's would have been written already.
 */
export async function settleOutput(baseUrl: string): Promise<void> {
  if (watched.has(baseUrl)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The death of the server at this base URL, if it died unexpectedly. Waits a moment for the exit to be seen. */
export async function deathOf(baseUrl: string): Promise<string | undefined> {
  const server = running.get(baseUrl);
  if (!server) return undefined;
  for (let waited = 0; waited < 500 && !server.death(); waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return server.death();
}

/** Starts the server and resolves once it says where it listens (PORT=0 lets it pick). */
export async function startServerProcess(
  name: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<ServerProcess> {
  const start = startCommand(name);
  const child = spawn(start.command, start.args, {
    cwd: start.cwd,
    env: productionEnv(env, start.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  let stopping = false;
  let died: string | undefined;
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('exit', (code, signal) => resolve([code, signal]));
    child.on('error', () => resolve([null, null]));
  });
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve));

  let listened = false;
  let pending = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${name} did not print "listening on" within ${listeningTimeoutMs / 1000} s; stderr: ${outputTail(output.stderr())}`,
        ),
      );
    }, listeningTimeoutMs);
    child.stdout?.on('data', (text: string) => {
      if (!listened) {
        const match = /listening on (http:\/\/\S+)/.exec(output.stdout());
        if (match?.[1]) {
          listened = true;
          clearTimeout(timer);
          resolve(match[1]);
          pending = output.stdout().slice(output.stdout().indexOf('\n', match.index) + 1 || output.stdout().length);
        }
      } else pending += text;
      if (listened && options.onStdoutLine) {
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') options.onStdoutLine(line);
      }
    });
    void spawnError.then((error) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${name} could not be started (\`${start.command} ${start.args.join(' ')}\` in ${start.cwd}): ${error.message}`,
        ),
      );
    });
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${name} exited with ${describeExit(code, signal)} before listening; stderr: ${outputTail(output.stderr())}`,
        ),
      );
    });
  });
  void exited.then(([code, signal]) => {
    running.delete(baseUrl);
    watched.delete(baseUrl);
    if (!stopping)
      died = `${name} (pid ${child.pid ?? '?'}) died during the tests: exited with ${describeExit(code, signal)}; stderr: ${outputTail(output.stderr())}`;
  });
  const server: ServerProcess = {
    baseUrl,
    pid: child.pid ?? 0,
    stdout: output.stdout,
    stderr: output.stderr,
    death: () => died,
    async stop() {
      stopping = died === undefined;
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
  running.set(baseUrl, server);
  if (options.onStdoutLine) watched.add(baseUrl);
  return server;
}

/** Runs the server to its exit, for a server that must refuse to start. */
export async function runServerProcess(
  name: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const start = startCommand(name);
  const child = spawn(start.command, start.args, {
    cwd: start.cwd,
    env: productionEnv(env, start.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr: output.stderr() };
}

/** The process's peak resident memory so far (VmHWM), in bytes. Linux only. */
export function peakResidentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kibibytes = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kibibytes === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kibibytes) * 1024;
}
