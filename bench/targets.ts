import { defineTarget } from 'vitest-load';

// The lab's implementations as load targets: compiled JavaScript (`pnpm build`), started the
// way production starts them. The plugin sets PORT, HOST and NODE_ENV=production, hands them
// the embedded PostgreSQL as DATABASE_URL and a redis-server as REDIS_URL (the cache and the
// sessions), and starts the slow upstream API they call for GET /external beside each of them.
// On the container runtime (docs/containers.md) each runs in a container built from
// implementations/Dockerfile, on a context `pnpm deploy` makes for it.

/** How an implementation runs on the container runtime: its deployed package, built with the shared Dockerfile. */
function containerOf(packageName: string, name: string) {
  const context = `../../node_modules/.vitest-load/containers/${name}`;
  return {
    context,
    port: 8080,
    prepare: { command: '../container-context.sh', args: [packageName, `node_modules/.vitest-load/containers/${name}`], inputs: ['dist', 'package.json', '../contract/dist', '../Dockerfile'], outputs: [context] },
  };
}

const upstream = {
  name: 'upstream',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/upstream',
  urlEnv: 'UPSTREAM_URL',
  container: containerOf('@lab/upstream', 'upstream'),
};

/** Rebuilds the package and the contract it compiles against when either has changed (watch mode). */
function buildOf(packageName: string) {
  return { command: 'pnpm', args: ['--filter', `${packageName}...`, 'run', 'build'], inputs: ['src', '../contract/src'], outputs: ['dist'] };
}

export const express = defineTarget({
  name: 'express',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/express',
  build: buildOf('@lab/express'),
  container: containerOf('@lab/express', 'express'),
  services: ['postgres', 'redis'],
  sidecars: [upstream],
});

export const fastify = defineTarget({
  name: 'fastify',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/fastify',
  build: buildOf('@lab/fastify'),
  container: containerOf('@lab/fastify', 'fastify'),
  services: ['postgres', 'redis'],
  sidecars: [upstream],
});

export const allImplementations = [express, fastify];
