// The implementations and the upstream, started in-process on free ports of 127.0.0.1 for the
// contract tests, which then speak to them over real HTTP.
import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../../express/src/app.ts';
import { buildApp } from '../../../fastify/src/app.ts';
import { createUpstreamServer } from '../../../upstream/src/app.ts';
import type { AppOptions } from '../index.ts';

export interface Target {
  baseUrl: string;
  close(): Promise<void>;
}

export type ImplementationName = 'express' | 'fastify';
export const implementationNames: readonly ImplementationName[] = ['express', 'fastify'];
export type Targets = Record<ImplementationName, Target>;

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

const starters: Record<ImplementationName, (options: Partial<AppOptions>) => Promise<Target>> = {
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

type TargetOptions = Partial<AppOptions> | ((name: ImplementationName) => Partial<AppOptions>);

/**
 * Every implementation, started with the given options (or each with its own, when `options` is a
 * function of the name), none read from the environment. Unless told otherwise, they use the
 * run's database and Redis (the contract project's global setup prepares them), which they connect
 * to only when a route needs them.
 */
export async function startTargets(options: TargetOptions = {}): Promise<Targets> {
  const optionsFor = (name: ImplementationName) => ({
    upstreamUrl: unusedUpstreamUrl,
    databaseUrl: inject('databaseUrl'),
    redisUrl: inject('redisUrl'),
    ...(typeof options === 'function' ? options(name) : options),
  });
  return { express: await starters.express(optionsFor('express')), fastify: await starters.fastify(optionsFor('fastify')) };
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
