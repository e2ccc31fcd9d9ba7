import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existingVegeta, vegetaBinary, vegetaCacheDir } from './vegeta-binary.ts';

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vegeta-binary-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function executable(path: string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '#!/bin/sh\n');
  await chmod(path, 0o755);
  return path;
}

describe('finding the vegeta binary', () => {
  it('takes VEGETA_BINARY first, then the PATH, then the project cache', async () => {
    const given = await executable(join(folder, 'given', 'vegeta'));
    const onPath = await executable(join(folder, 'bin', 'vegeta'));
    const cached = await executable(join(vegetaCacheDir(folder), 'vegeta'));
    const path = join(folder, 'bin');
    expect(existingVegeta({ env: { VEGETA_BINARY: given, PATH: path }, root: folder })).toBe(given);
    expect(existingVegeta({ env: { PATH: path }, root: folder })).toBe(onPath);
    expect(existingVegeta({ env: { PATH: '' }, root: folder })).toBe(cached);
    expect(existingVegeta({ env: { PATH: '' }, root: join(folder, 'elsewhere') })).toBeUndefined();
  });

  it('names VEGETA_BINARY when it points at no executable', () => {
    expect(() => existingVegeta({ env: { VEGETA_BINARY: join(folder, 'missing') }, root: folder })).toThrow(
      /VEGETA_BINARY is ".*missing", which is not an executable file/,
    );
  });

  it('gives the install command when there is neither vegeta nor a Go toolchain to build it', async () => {
    await expect(vegetaBinary({ env: { PATH: join(folder, 'empty') }, root: folder })).rejects.toThrow(
      "there is no Go toolchain here to build it: install Go (https://go.dev/dl/, or your system's golang package) and run `go install github.com/tsenart/vegeta/v12@v12.13.0`",
    );
  });
});
