import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

/** The Vegeta release the plugin builds and was tested with (MIT; docs/engines.md says why not k6). */
export const VEGETA_VERSION = 'v12.13.0';
export const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12';
/** What the cache builds and what a user can run by hand instead. */
export const VEGETA_INSTALL = `go install ${VEGETA_MODULE}@${VEGETA_VERSION}`;

export interface VegetaLookup {
  env: NodeJS.ProcessEnv;
  /** The project root: the cache is `<root>/node_modules/.vitest-load/bin/vegeta-<version>/vegeta`. */
  root: string;
}

/** Where a build is kept for every later run of the project. */
export const vegetaCacheDir = (root: string): string =>
  join(root, 'node_modules', '.vitest-load', 'bin', `vegeta-${VEGETA_VERSION}`);

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `name` on the PATH, as a shell would find it; undefined when it is not there. */
export function onPath(name: string, path: string | undefined): string | undefined {
  for (const folder of (path ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The vegeta binary already there, without building: VEGETA_BINARY (which must exist), then the
 * PATH, then the project's cache. Undefined when none has it.
 */
export function existingVegeta({ env, root }: VegetaLookup): string | undefined {
  const given = env.VEGETA_BINARY;
  if (given !== undefined && given !== '') {
    if (!isExecutable(given))
      throw new Error(`VEGETA_BINARY is "${given}", which is not an executable file: point it at a vegeta binary`);
    return given;
  }
  const cached = join(vegetaCacheDir(root), 'vegeta');
  return onPath('vegeta', env.PATH) ?? (isExecutable(cached) ? cached : undefined);
}

const run = promisify(execFile);

/**
 * Builds vegeta into the cache with the Go toolchain (~47 s and 18 MB on a 2-core machine with
 * an empty module cache; docs/engines.md). Built into a temporary folder and renamed, so that two
 * test workers building at once both end with a whole binary.
 */
async function buildVegeta({ env, root }: VegetaLookup): Promise<string> {
  const go = onPath('go', env.PATH);
  if (!go)
    throw new Error(
      `the vegeta engine needs the vegeta binary, and there is no Go toolchain here to build it: install Go (https://go.dev/dl/, or your system's golang package) and run \`${VEGETA_INSTALL}\`, or set VEGETA_BINARY to a vegeta ${VEGETA_VERSION} binary`,
    );
  const cache = vegetaCacheDir(root);
  await mkdir(join(cache, '..'), { recursive: true });
  const building = await mkdtemp(`${cache}.building-`);
  try {
    await run(go, ['install', `${VEGETA_MODULE}@${VEGETA_VERSION}`], {
      env: { ...env, GOBIN: building },
      maxBuffer: 16 * 1024 * 1024,
    });
    // mkdtemp makes the folder private; the cache is the project's, readable like node_modules.
    await chmod(building, 0o755);
    if (!existsSync(cache)) await rename(building, cache).catch(() => undefined);
    return join(cache, 'vegeta');
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    throw new Error(`building vegeta failed (\`GOBIN=${cache} ${VEGETA_INSTALL}\`):\n${detail}`);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

const builds = new Map<string, Promise<string>>();

/** The vegeta binary: found (VEGETA_BINARY, PATH, the cache), or built into the cache once per process. */
export async function vegetaBinary(lookup: VegetaLookup): Promise<string> {
  const found = existingVegeta(lookup);
  if (found) return found;
  let build = builds.get(lookup.root);
  if (!build) {
    build = buildVegeta(lookup);
    builds.set(lookup.root, build);
    build.catch(() => builds.delete(lookup.root));
  }
  return build;
}
