// Before any contract test: the toolchain check and the build of every implementation that runs
// as a process of its own (all but the in-process Node ones), once per test run. What fails is
// kept as a problem of that implementation alone: its tests fail with it, the others run.
import { spawn, spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
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
        `${manifest.name}: its build \`${shown}\` (in implementations/${basename(manifest.folder)}) could not run: ${error.message}`,
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(undefined);
      else
        resolve(
          `${manifest.name}: its build \`${shown}\` (in implementations/${basename(manifest.folder)}) exited with ${code === null ? `signal ${String(signal)}` : `code ${code}`}:\n${tail(output)}`,
        );
    });
  });
}

/** One build to run: the manifests that share it (a folder's implementation and its variants run the same build). */
interface BuildJob {
  manifests: Manifest[];
  /** The build's inputs as absolute paths: two builds with one in common (the contract's sources) write the same outputs. */
  inputs: Set<string>;
}

/** The key that makes two manifests' builds one: the same command in the same folder. */
function buildKey(manifest: Manifest): string {
  return manifest.build
    ? JSON.stringify([manifest.folder, manifest.build.command, ...manifest.build.args])
    : `no build: ${manifest.name}`;
}

/**
 * The builds of these manifests, one per distinct build, in lanes: builds that share an input are
 * in one lane and run one after the other (`pnpm --filter @lab/express...` and `@lab/fastify...`
 * both rebuild the contract), lanes run side by side.
 */
export function buildLanes(manifests: readonly Manifest[]): BuildJob[][] {
  const jobs = new Map<string, BuildJob>();
  for (const manifest of manifests) {
    const key = buildKey(manifest);
    const job = jobs.get(key) ?? {
      manifests: [],
      inputs: new Set((manifest.build?.inputs ?? []).map((input) => join(manifest.folder, input))),
    };
    job.manifests.push(manifest);
    jobs.set(key, job);
  }
  const lanes: BuildJob[][] = [];
  for (const job of jobs.values()) {
    const sharing = lanes.filter((lane) =>
      lane.some((other) => [...job.inputs].some((input) => other.inputs.has(input))),
    );
    const merged = [...sharing.flat(), job];
    for (const lane of sharing) lanes.splice(lanes.indexOf(lane), 1);
    lanes.push(merged);
  }
  return lanes;
}

/**
 * Checks the toolchain of, and builds, every implementation that runs as a process, two lanes at
 * a time (the machine has two cores); a build that several implementations share (a folder's
 * variants) runs once. Never throws for one implementation's problem.
 */
export async function prepareProcessImplementations(
  log: (line: string) => void = () => {},
): Promise<ImplementationProblems> {
  const pending = buildLanes(readManifests().filter((manifest) => !inProcessImplementations.includes(manifest.name)));
  const problems: ImplementationProblems = {};
  const worker = async () => {
    for (let lane = pending.shift(); lane; lane = pending.shift()) {
      for (const { manifests } of lane) {
        const started = Date.now();
        // Each its own toolchain; the build once, for those whose toolchain is there.
        const usable = manifests.filter((manifest) => {
          const problem = toolchainProblem(manifest);
          if (problem) problems[manifest.name] = problem;
          return !problem;
        });
        const problem = usable.length > 0 ? await runBuild(usable[0]!) : undefined;
        for (const manifest of manifests) {
          if (problem && usable.includes(manifest)) problems[manifest.name] = problem;
          log(
            `${manifest.name}: ${problems[manifest.name] ? 'cannot run (its tests will fail saying why)' : 'built'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        }
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return problems;
}
