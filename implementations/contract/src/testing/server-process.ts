// An implementation as production runs it: its compiled dist/server.js in a child process with
// NODE_ENV=production, configured through the environment only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { ImplementationName } from './targets.ts';

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Everything written to standard output so far. */
  stdout(): string;
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
}

export function serverScript(name: ImplementationName): string {
  const script = fileURLToPath(new URL(`../../../${name}/dist/server.js`, import.meta.url));
  if (!existsSync(script)) throw new Error(`${script} does not exist: run \`pnpm build\` first`);
  return script;
}

/** The child's environment: only what it is given, so nothing leaks in from the test's own. */
export function productionEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...env };
}

function collect(child: ChildProcess): { stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return { stdout: () => stdout, stderr: () => stderr };
}

/** Starts the server and resolves once it says where it listens (PORT=0 lets it pick). */
export async function startServerProcess(name: ImplementationName, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [serverScript(name)], { env: productionEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collect(child);
  const exited = once(child, 'exit');
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output.stdout());
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    exited.then(([code]) => reject(new Error(`${name} exited with ${String(code)} before listening: ${output.stderr()}`)), reject);
  });
  return {
    baseUrl,
    pid: child.pid ?? 0,
    stdout: output.stdout,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Runs the server to its exit, for a server that must refuse to start. */
export async function runServerProcess(name: ImplementationName, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [serverScript(name)], { env: productionEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
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
