import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGES, parseMemoryMb, resolveRuntimeRequest } from './runtime-options.ts';

describe('resolveRuntimeRequest', () => {
  it('uses processes and the official images unless told otherwise', () => {
    expect(resolveRuntimeRequest({}, {})).toEqual({
      mode: 'process',
      modeSource: 'the default',
      images: DEFAULT_IMAGES,
      limits: {},
    });
  });

  it('lets VITEST_LOAD_RUNTIME and VITEST_LOAD_IMAGE_* override the configuration', () => {
    const request = resolveRuntimeRequest(
      { runtime: 'process', containers: { images: { postgres: 'my/postgres:16' }, cpus: 1, memory: '1g' } },
      { VITEST_LOAD_RUNTIME: 'auto', VITEST_LOAD_IMAGE_REDIS: 'vitest-load/redis:7' },
    );
    expect(request).toEqual({
      mode: 'auto',
      modeSource: 'VITEST_LOAD_RUNTIME=auto',
      images: { node: DEFAULT_IMAGES.node, postgres: 'my/postgres:16', redis: 'vitest-load/redis:7' },
      limits: { cpus: 1, memoryMb: 1024 },
    });
  });

  it('names the option when a value is wrong', () => {
    expect(() => resolveRuntimeRequest({}, { VITEST_LOAD_RUNTIME: 'docker' })).toThrow(
      'VITEST_LOAD_RUNTIME must be "process", "container", "auto" or "both", got "docker"',
    );
    expect(() => resolveRuntimeRequest({ containers: { cpus: 0 } }, {})).toThrow(
      'vitestLoad option "containers.cpus" must be a number of CPUs above 0',
    );
    expect(() => resolveRuntimeRequest({ containers: { memory: 'lots' } }, {})).toThrow(
      'vitestLoad option "containers.memory" must be megabytes',
    );
    expect(() => resolveRuntimeRequest({ containers: { images: { node: 'not an image' } } }, {})).toThrow(
      'vitestLoad option "containers.images.node" is not an image name',
    );
  });
});

it('reads "process,container" as both runtimes side by side', () => {
  expect(resolveRuntimeRequest({}, { VITEST_LOAD_RUNTIME: 'process,container' }).mode).toBe('both');
});

describe('parseMemoryMb', () => {
  it('reads Docker-style sizes as megabytes', () => {
    expect(parseMemoryMb('512m')).toBe(512);
    expect(parseMemoryMb('2g')).toBe(2048);
    expect(parseMemoryMb('256MB')).toBe(256);
    expect(parseMemoryMb(300)).toBe(300);
  });
});
