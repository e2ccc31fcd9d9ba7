import { describe, expect, it } from 'vitest';
import { runtimesOfRun, servicesOnRuntime, targetOnRuntime } from './test-runtime.ts';

describe('the runtime of a test', () => {
  it('is the process runtime when the plugin set none up', () => {
    expect(runtimesOfRun(undefined)).toEqual(['process']);
  });

  it('names container results apart from process results, so that both have rows and baselines', () => {
    expect(targetOnRuntime('express', 'process')).toBe('express');
    expect(targetOnRuntime('express', 'container')).toBe('express (container)');
  });

  it('gives container tests the container services and process tests the embedded ones', () => {
    const embedded = { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5000/lab' }, descriptions: [] };
    const inContainers = { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:32768/lab' }, descriptions: [] };
    const run = {
      name: 'container' as const,
      runtimes: ['process' as const, 'container' as const],
      line: '',
      container: {
        runId: 'r',
        ownerPid: 1,
        network: 'n',
        images: { node: 'n', postgres: 'p', redis: 'r' },
        limits: {},
        serviceEnv: {},
        services: inContainers,
      },
    };
    expect(servicesOnRuntime(embedded, 'process', run)).toBe(embedded);
    expect(servicesOnRuntime(embedded, 'container', run)).toBe(inContainers);
  });
});
