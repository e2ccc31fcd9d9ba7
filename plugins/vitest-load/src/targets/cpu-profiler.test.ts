import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuProfilerFor, readCpuProfile, withCpuProfiler } from './cpu-profiler.ts';
import type { TargetDefinition } from './target-definition.ts';

const target = (command: string, args: string[] = ['server.js']): TargetDefinition => ({
  name: 'server',
  command,
  args,
  env: {},
  healthPath: '/',
  startupTimeout: 5,
  stopGracePeriod: 1,
  services: [],
  sidecars: [],
});

describe('cpuProfilerFor', () => {
  it('profiles a target started by node with V8’s profiler', () => {
    expect(cpuProfilerFor(target('node'))).toEqual({ kind: 'v8' });
    expect(cpuProfilerFor(target(process.execPath))).toEqual({ kind: 'v8' });
  });

  it('says a profile is not available for any other command yet', () => {
    expect(cpuProfilerFor(target('.venv/bin/python'))).toEqual({
      kind: 'unavailable',
      reason: 'profile: not available for python yet',
    });
  });
});

describe('withCpuProfiler', () => {
  it('puts the profiler’s flags before the target’s own arguments', () => {
    expect(withCpuProfiler(target('node', ['dist/server.js']), '/tmp/p').args).toEqual([
      '--cpu-prof',
      '--cpu-prof-dir=/tmp/p',
      'dist/server.js',
    ]);
  });
});

describe('readCpuProfile', () => {
  it('takes the profile with the most samples: the process that was under load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpu-profiler-test-'));
    try {
      await writeFile(join(dir, 'CPU.1.cpuprofile'), JSON.stringify({ samples: [1] }));
      await writeFile(join(dir, 'CPU.2.cpuprofile'), JSON.stringify({ samples: [1, 2, 3] }));
      expect(await readCpuProfile(dir, 'server')).toEqual({ samples: [1, 2, 3] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says the target must exit cleanly when it wrote none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpu-profiler-test-'));
    try {
      await expect(readCpuProfile(dir, 'server')).rejects.toThrow(/Target "server" wrote no CPU profile .* on SIGTERM/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
