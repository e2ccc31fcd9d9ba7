import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A PATH for a child process on which `command` is missing, as on a machine where it is not
 * installed: one temporary folder linking every other command of this PATH (the first of each
 * name wins, as a lookup on the PATH would), removed after the file's tests.
 */
export function usePathWithout(command: string): () => string {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vitest-load-path-'));
    const linked = new Set([command]);
    for (const directory of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
      const names = await readdir(directory).catch(() => []);
      for (const name of names) {
        if (linked.has(name)) continue;
        linked.add(name);
        await symlink(join(directory, name), join(folder, name));
      }
    }
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  return () => folder;
}
