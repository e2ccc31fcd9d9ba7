import { defineTarget } from 'vitest-load';

// The lab's implementations as load targets: compiled JavaScript (`pnpm build`), started the
// way production starts them. The plugin sets PORT, HOST and NODE_ENV=production, hands them
// the embedded PostgreSQL as DATABASE_URL and a redis-server as REDIS_URL (the cache and the
// sessions), and starts the slow upstream API they call for GET /external beside each of them.

const upstream = {
  name: 'upstream',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/upstream',
  urlEnv: 'UPSTREAM_URL',
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
  services: ['postgres', 'redis'],
  sidecars: [upstream],
});

export const fastify = defineTarget({
  name: 'fastify',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/fastify',
  build: buildOf('@lab/fastify'),
  services: ['postgres', 'redis'],
  sidecars: [upstream],
});

export const allImplementations = [express, fastify];
