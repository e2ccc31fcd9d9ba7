// The implementations and the upstream for the contract tests, which speak to them over real
// HTTP on free ports of 127.0.0.1. Every folder implementations/<name>/ with a lab.json is an
// implementation (testing/manifests.ts), and so is each of its `variants`; Node's own (express,
// fastify) start in-process, with their options given as objects, every other one from its
// manifest's `start` as a process, with the same options as environment variables (its build ran
// in the global setup): a variant too, since it runs on another runtime (express-deno,
// fastify-bun) or otherwise than the in-process app does.
import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../../express/src/app.ts';
import { buildApp } from '../../../fastify/src/app.ts';
import { createUpstreamServer } from '../../../upstream/src/app.ts';
import type { AppOptions } from '../../../node-backend/src/index.ts';
import { inProcessImplementations } from './implementation-builds.ts';
import { manifestsServing, readManifests, type ScenarioId } from './manifests.ts';
import { implementationProblem, startServerProcess } from './server-process.ts';

export interface Target {
  baseUrl: string;
  close(): Promise<void>;
}

/** An implementation's name: its folder under implementations/. */
export type ImplementationName = string;
/** Every implementation, the reference (express) first. */
export const implementationNames: readonly ImplementationName[] = readManifests().map((manifest) => manifest.name);
/** The started implementations by name. */
export type Targets = Record<ImplementationName, Target>;

/**
 * The implementations whose lab.json serves every one of the scenarios, for a test file's
 * `describe.each` and `startTargets`: an implementation that does not serve a scenario is absent
 * from its manifest's `serves`, and so from that scenario's tests.
 */
export function implementationsServing(...scenarios: readonly ScenarioId[]): readonly ImplementationName[] {
  return manifestsServing(...scenarios).map((manifest) => manifest.name);
}

/** An upstream URL for tests that never call it: port 9 (discard) has no listener here. */
export const unusedUpstreamUrl = 'http://127.0.0.1:9';

async function listen(server: Server): Promise<Target> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const inProcessStarters: Record<string, (options: Partial<AppOptions>) => Promise<Target>> = {
  async express(options) {
    const { app, close } = createApp(options);
    const server = await listen(createServer(app));
    return {
      baseUrl: server.baseUrl,
      close: async () => {
        await server.close();
        await close();
      },
    };
  },
  async fastify(options) {
    const app = buildApp(options);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    return { baseUrl, close: () => app.close() };
  },
};

/** Each option's environment variable: what a process implementation reads instead of the object. */
export const appOptionEnvNames: Record<Exclude<keyof AppOptions, 'logDestination'>, string> = {
  upstreamUrl: 'UPSTREAM_URL',
  upstreamTimeoutMs: 'UPSTREAM_TIMEOUT_MS',
  upstreamConnections: 'UPSTREAM_CONNECTIONS',
  authSecret: 'AUTH_SECRET',
  uploadLimitBytes: 'UPLOAD_LIMIT_BYTES',
  databaseUrl: 'DATABASE_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  redisUrl: 'REDIS_URL',
  cacheTtlSeconds: 'CACHE_TTL_SECONDS',
  sessionTtlSeconds: 'SESSION_TTL_SECONDS',
  accessTokenTtlSeconds: 'ACCESS_TOKEN_TTL_SECONDS',
  databasePoolTimeoutMs: 'DATABASE_POOL_TIMEOUT_MS',
  breakerResetMs: 'BREAKER_RESET_MS',
  rateLimitMax: 'RATE_LIMIT_MAX',
  rateLimitWindowMs: 'RATE_LIMIT_WINDOW_MS',
};

/** The options as the environment of a process implementation. */
export function appOptionsEnv(options: Partial<AppOptions>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'logDestination' || value === undefined) continue;
    const name = appOptionEnvNames[key as keyof typeof appOptionEnvNames];
    if (name === undefined)
      throw new Error(`option "${key}" has no environment variable in appOptionEnvNames: add it there`);
    env[name] = String(value);
  }
  return env;
}

/** A target that could not start: every use fails its test with the reason, and closing it is a no-op. */
function brokenTarget(reason: string): Target & { broken: string } {
  return {
    broken: reason,
    get baseUrl(): string {
      throw new Error(reason);
    },
    close: async () => {},
  };
}

/** Whether the target could not start (a missing toolchain, a failed build or start). */
export function isBroken(target: Target): boolean {
  return 'broken' in target;
}

/** A process implementation: its manifest's `start`, the options as its environment. */
async function startProcessTarget(name: string, options: Partial<AppOptions>): Promise<Target> {
  const problem = implementationProblem(name);
  if (problem) return brokenTarget(problem);
  let server;
  try {
    server = await startServerProcess(name, appOptionsEnv(options), {
      // The request log of GET /protected: its JSON lines go where an in-process one's would.
      onStdoutLine: (line) => {
        if (options.logDestination && line.startsWith('{')) options.logDestination.write(line);
      },
    });
  } catch (error) {
    return brokenTarget(error instanceof Error ? error.message : String(error));
  }
  const started = server;
  return {
    get baseUrl(): string {
      const death = started.death();
      if (death) throw new Error(death);
      return started.baseUrl;
    },
    async close() {
      const death = started.death();
      await started.stop();
      if (death) throw new Error(death);
    },
  };
}

type TargetOptions = Partial<AppOptions> | ((name: ImplementationName) => Partial<AppOptions>);

/**
 * The named implementations (`implementationsServing(...)` of the test's scenarios), started with
 * the given options (or each with its own, when `options` is a function of the name), none read
 * from the test's environment. Unless told otherwise, they use the run's database and Redis (the
 * contract project's global setup prepares them), which they connect to only when a route needs
 * them. One that cannot start (a process implementation whose toolchain is missing, whose build
 * failed or which exited) is a target whose every use fails with the reason, so that only its own
 * tests fail.
 */
export async function startTargets(options: TargetOptions, names: readonly ImplementationName[]): Promise<Targets> {
  const optionsFor = (name: ImplementationName) => ({
    upstreamUrl: unusedUpstreamUrl,
    databaseUrl: inject('databaseUrl'),
    redisUrl: inject('redisUrl'),
    ...(typeof options === 'function' ? options(name) : options),
  });
  const targets: Targets = {};
  // Processes start side by side; the in-process ones one after the other, as before.
  const processes = names.filter((name) => !inProcessImplementations.includes(name));
  const started = await Promise.all(processes.map((name) => startProcessTarget(name, optionsFor(name))));
  for (const name of names) {
    const starter = inProcessStarters[name];
    targets[name] = starter ? await starter(optionsFor(name)) : started[processes.indexOf(name)]!;
  }
  return targets;
}

export async function stopTargets(targets: Targets | undefined): Promise<void> {
  if (targets) await Promise.all(Object.values(targets).map((target) => target.close()));
}

/** The upstream of scenario 05, waiting `defaultDelayMs` when not told otherwise. */
export function startUpstream(defaultDelayMs: number): Promise<Target> {
  return listen(createUpstreamServer({ defaultDelayMs }));
}

/** Any HTTP server, for an upstream that misbehaves in a way the real one never does. */
export function startServer(listener: RequestListener): Promise<Target> {
  return listen(createServer(listener));
}

/** The URL of a port that was just free and is closed again, so connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const { baseUrl, close } = await listen(createServer());
  await close();
  return baseUrl;
}
