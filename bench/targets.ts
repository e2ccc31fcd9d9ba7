import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineTarget } from 'vitest-load';
import {
  isSelected,
  manifestsServing,
  readManifests,
  variantSelection,
  type Manifest,
  type ScenarioId,
} from '../implementations/contract/src/testing/manifests.ts';

// The lab's implementations as load targets, one per manifest (implementations/*/lab.json, each of
// its `variants` one more: the same build on another runtime, Deno or Bun), started
// the way production starts them (Node's: compiled JavaScript, `pnpm build`). The plugin sets PORT, HOST and NODE_ENV=production, hands them
// the embedded PostgreSQL as DATABASE_URL and a redis-server as REDIS_URL (the cache and the
// sessions), and starts the slow upstream API they call for GET /external beside each of them.
// On the container runtime (plugins/vitest-load/docs/containers.md) each runs in a container built from
// implementations/Dockerfile, on a context `pnpm deploy` makes for it.

/** How an implementation runs on the container runtime: its deployed package, built with the shared Dockerfile. */
function containerOf(packageName: string, name: string) {
  const context = `../../node_modules/.vitest-load/containers/${name}`;
  return {
    context,
    port: 8080,
    prepare: {
      command: '../container-context.sh',
      args: [packageName, `node_modules/.vitest-load/containers/${name}`],
      inputs: ['dist', 'package.json', '../contract/dist', '../node-backend/dist', '../Dockerfile'],
      outputs: [context],
    },
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

/** Rebuilds the package, the contract and the shared backend code it compiles against when any has changed (watch mode). */
function buildOf(packageName: string) {
  return {
    command: 'pnpm',
    args: ['--filter', `${packageName}...`, 'run', 'build'],
    inputs: ['src', '../contract/src', '../node-backend/src'],
    outputs: ['dist'],
  };
}

/** The containers of Node's implementations (on Node); the others, variants included, run as processes only, for now. */
const containers: Record<string, ReturnType<typeof containerOf>> = {
  express: containerOf('@lab/express', 'express'),
  fastify: containerOf('@lab/fastify', 'fastify'),
};

/** The repository's root: the targets' cwd is relative to it (the Vitest root). */
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * One implementation's target, from its manifest (implementations/<folder>/lab.json): its `start`
 * in its folder (a variant's is that of the implementation it varies), its `build` (rebuilt when
 * an input is newer than the outputs), its services, and the upstream beside it. The plugin sets
 * PORT, HOST and NODE_ENV=production.
 */
export function targetOf(manifest: Manifest) {
  const { build } = manifest;
  return defineTarget({
    name: manifest.name,
    command: manifest.start.command,
    args: manifest.start.args,
    cwd: relative(root, manifest.folder),
    env: manifest.start.env,
    // A build without inputs and outputs cannot tell when it is due: the contract tests' global
    // setup runs it. A variant's is its folder's: whichever target comes first rebuilds, the
    // others find it up to date.
    ...(build && build.inputs.length > 0 && build.outputs.length > 0 && { build }),
    ...(containers[manifest.name] && { container: containers[manifest.name] }),
    services: manifest.services,
    sidecars: [upstream],
  });
}

/** Every implementation's target, by name. */
const targetsByName = new Map(readManifests().map((manifest) => [manifest.name, targetOf(manifest)]));

/**
 * The targets of every implementation whose manifest serves all the scenarios (`targetsServing('03')`),
 * Node's first, its variants as LAB_VARIANTS selects them: a suite loads each of them.
 */
export function targetsServing(...scenarios: ScenarioId[]) {
  const selection = variantSelection(process.env);
  return manifestsServing(...scenarios)
    .filter((manifest) => isSelected(manifest, scenarios, selection))
    .map((manifest) => targetsByName.get(manifest.name)!);
}

function nodeTarget(name: 'express' | 'fastify') {
  const target = targetsByName.get(name);
  if (!target) throw new Error(`implementations/${name}/lab.json is missing`);
  return target;
}

export const express = nodeTarget('express');
export const fastify = nodeTarget('fastify');
