// Before any contract test: the toolchain check and the build of every implementation that runs
// as a process of its own (all but the in-process Node ones), once per test run. What fails is
// kept as a problem of that implementation alone: its tests fail with it, the others run.
import { spawn, spawnSync } from 'node:child_process';
import { readManifests, resolveCommand, type Manifest } from './manifests.ts';

/** The implementations the contract tests start in their own process (their options injected as objects). */
export const inProcessImplementations: readonly string[] = ['express', 'fastify'];

/** Name → why it cannot run (a missing toolchain, a failed build). */
export type ImplementationProblems = Record<string, string>;

declare module 'vitest' {
  export interface ProvidedContext {
    implementationProblems: ImplementationProblems;
  }
}

const buildTimeoutMs = 20 * 60_000;

function tail(text: string, characters = 4000): string {
  const trimmed = text.trimEnd();
  return trimmed.length > characters ? `...${trimmed.slice(-characters)}` : trimmed;
}

/** Why the manifest's toolchain is not usable here, or undefined when it is. */
export function toolchainProblem(manifest: Manifest): string | undefined {
  if (!manifest.toolchain) return undefined;
  const [tool, ...args] = manifest.toolchain.check as [string, ...string[]];
  const result = spawnSync(resolveCommand(manifest, tool), args, {
    cwd: manifest.folder,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error === undefined && result.status === 0) return undefined;
  const why = result.error
    ? result.error.message
    : `exit code ${String(result.status)}${result.stderr ? `: ${tail(result.stderr, 500)}` : ''}`;
  return (
    `${manifest.name} needs ${tool}, which is missing or broken on this machine ` +
    `(\`${manifest.toolchain.check.join(' ')}\` failed: ${why}); install it with: ${manifest.toolchain.install}`
  );
}

/** Runs the manifest's build in its folder; resolves with the problem, or undefined when it succeeded. */
export function runBuild(manifest: Manifest): Promise<string | undefined> {
  const build = manifest.build;
  if (!build) return Promise.resolve(undefined);
  const shown = [build.command, ...build.args].join(' ');
  return new Promise((resolve) => {
    const child = spawn(resolveCommand(manifest, build.command), build.args, {
      cwd: manifest.folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), buildTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(
        `${manifest.name}: its build \`${shown}\` (in implementations/${manifest.name}) could not run: ${error.message}`,
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(undefined);
      else
        resolve(
          `${manifest.name}: its build \`${shown}\` (in implementations/${manifest.name}) exited with ${code === null ? `signal ${String(signal)}` : `code ${code}`}:\n${tail(output)}`,
        );
    });
  });
}

/**
 * Checks the toolchain of, and builds, every implementation that runs as a process, two at a
 * time (the machine has two cores). Never throws for one implementation's problem.
 */
export async function prepareProcessImplementations(
  log: (line: string) => void = () => {},
): Promise<ImplementationProblems> {
  const pending = readManifests().filter((manifest) => !inProcessImplementations.includes(manifest.name));
  const problems: ImplementationProblems = {};
  const worker = async () => {
    for (let manifest = pending.shift(); manifest; manifest = pending.shift()) {
      const started = Date.now();
      const problem = toolchainProblem(manifest) ?? (await runBuild(manifest));
      if (problem) problems[manifest.name] = problem;
      log(
        `${manifest.name}: ${problem ? 'cannot run (its tests will fail saying why)' : 'built'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  };
  await Promise.all([worker(), worker()]);
  return problems;
}
