import { defineTarget } from 'vitest-load';

// The lab's implementations as load targets: compiled JavaScript (`pnpm build`), started the
// way production starts them. The plugin sets PORT, HOST and NODE_ENV=production.

export const express = defineTarget({
  name: 'express',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/express',
});

export const fastify = defineTarget({
  name: 'fastify',
  command: 'node',
  args: ['dist/server.js'],
  cwd: 'implementations/fastify',
});

export const allImplementations = [express, fastify];
