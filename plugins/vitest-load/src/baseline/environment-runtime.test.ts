import { describe, expect, it } from 'vitest';
import { describeEnvironment, environmentDifferences, loadRuntimeVersion } from './environment.ts';
import { environmentSchema } from './schema.ts';

const pinning = { pinned: false as const, reason: 'test' };
const onContainers = {
  runtime: 'container' as const,
  containers: { images: { node: 'node:20-bookworm-slim', postgres: 'postgres:17' }, cpus: 1, memoryMb: 512 },
};

describe('the runtime in a measurement environment', () => {
  it('records the container runtime with its images and limits, in a form baselines accept', () => {
    const environment = describeEnvironment(pinning, [], onContainers);
    expect(environment).toMatchObject({ runtime: 'container', containers: onContainers.containers });
    expect(environmentSchema.parse(environment)).toEqual(environment);
  });

  it('stays the process runtime, without container fields, by default', () => {
    const environment = describeEnvironment(pinning);
    expect(environment.runtime).toBe('process');
    expect(environment).not.toHaveProperty('containers');
  });

  it('names a change of runtime, and of container limits, as differences', () => {
    const process = describeEnvironment(pinning);
    const container = describeEnvironment(pinning, [], onContainers);
    const smaller = describeEnvironment(pinning, [], {
      ...onContainers,
      containers: { ...onContainers.containers, cpus: 0.5 },
    });
    expect(environmentDifferences(container, process)).toEqual(['runtime: process → container']);
    expect(environmentDifferences(smaller, container)).toEqual([
      expect.stringMatching(/^containers: .*"cpus":1.* → .*"cpus":0.5/),
    ]);
  });
});

describe('the JavaScript runtime in a measurement environment', () => {
  it("is Node's version on Node", () => {
    expect(loadRuntimeVersion({ node: 'v20.20.2' })).toBe('v20.20.2');
  });

  it('names Deno and Bun with their own versions, not the Node version they imitate', () => {
    expect(loadRuntimeVersion({ node: 'v26.3.0', deno: '2.9.6' })).toBe('deno 2.9.6 (node API v26.3.0)');
    expect(loadRuntimeVersion({ node: 'v24.3.0', bun: '1.4.4' })).toBe('bun 1.4.4 (node API v24.3.0)');
  });
});
