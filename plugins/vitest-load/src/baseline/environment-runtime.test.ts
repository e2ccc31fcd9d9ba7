import { describe, expect, it } from 'vitest';
import { describeEnvironment, environmentDifferences } from './environment.ts';
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
