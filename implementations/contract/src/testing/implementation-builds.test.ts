import { describe, expect, it } from 'vitest';
import { buildLanes } from './implementation-builds.ts';
import type { Manifest } from './manifests.ts';

/** A manifest in /lab/<folder> whose build is `command` with these inputs; a variant when `name` is not the folder. */
function manifest(name: string, folder: string, command: string, inputs: string[]): Manifest {
  return {
    name,
    language: 'typescript',
    framework: name,
    serves: ['01'],
    services: [],
    build: { command, args: [], inputs, outputs: ['dist'] },
    start: { command: 'node', args: ['dist/server.js'], env: {} },
    folder: `/lab/${folder}`,
    ...(name !== folder && { variantOf: folder }),
    source: { file: `/lab/${folder}/lab.json`, field: 'name' },
  };
}

const names = (lanes: ReturnType<typeof buildLanes>) =>
  lanes.map((lane) => lane.map((job) => job.manifests.map((each) => each.name)));

describe('buildLanes', () => {
  it('builds a folder once for its implementation and all its variants', () => {
    const lanes = buildLanes([
      manifest('express-deno', 'express', 'pnpm', ['src']),
      manifest('express-bun', 'express', 'pnpm', ['src']),
    ]);

    expect(names(lanes)).toEqual([[['express-deno', 'express-bun']]]);
  });

  it('puts builds that share an input (the contract) in one lane, one after the other, and the others in lanes of their own', () => {
    const lanes = buildLanes([
      manifest('express-deno', 'express', 'pnpm', ['src', '../contract/src']),
      manifest('go-gin', 'go-gin', './build.sh', ['.']),
      manifest('fastify-bun', 'fastify', 'pnpm', ['src', '../contract/src']),
    ]);

    expect(names(lanes)).toEqual([[['go-gin']], [['express-deno'], ['fastify-bun']]]);
  });
});
