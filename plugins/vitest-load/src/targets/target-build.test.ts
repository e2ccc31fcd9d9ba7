import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale, type TargetBuild } from './target-build.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vitest-load-build-'));
  await mkdir(join(folder, 'src'));
  await writeFile(join(folder, 'src', 'server.ts'), 'source');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

// The "build" copies the source to dist/, so the test sees whether it ran.
const build: TargetBuild = {
  command: 'sh',
  args: ['-c', 'mkdir -p dist && cp src/server.ts dist/server.js'],
  inputs: ['src'],
  outputs: ['dist'],
};

describe('buildIfStale', () => {
  it('builds when there is no output yet, and not again while the output is newer than the sources', async () => {
    expect((await buildIfStale(build, folder)).built).toBe(true);
    expect((await buildIfStale(build, folder)).built).toBe(false);
  });

  it('builds again once a source file changes', async () => {
    await buildIfStale(build, folder);
    const later = new Date(Date.now() + 5000);
    await utimes(join(folder, 'src', 'server.ts'), later, later);
    expect((await buildIfStale(build, folder)).built).toBe(true);
  });

  it('fails with the command and the end of its output when the build fails', async () => {
    const broken: TargetBuild = { ...build, args: ['-c', 'echo "error TS2322: bad type" >&2; exit 2'] };
    await expect(buildIfStale(broken, folder)).rejects.toThrow(
      /Building the target failed \(sh -c .*\):\nerror TS2322: bad type/,
    );
  });
});
