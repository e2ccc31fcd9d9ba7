// The implementations of the lab: every folder implementations/<name>/ with a lab.json. The
// manifest says what the implementation serves, how it is built and started, and which
// toolchain it needs (/work/helpers/LAB-CONVENTIONS.md). The contract harness and the load
// suites' targets (bench/targets.ts) read it through this module alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** SCENARIOS.md's numbers, and `flash` for the flash sale (its resilience routes included). */
export const scenarioIds = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  'flash',
] as const;
export type ScenarioId = (typeof scenarioIds)[number];

/** The folder that holds every implementation. */
export const implementationsFolder = fileURLToPath(new URL('../../../', import.meta.url));

const command = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
});

const manifestSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  language: z.string().min(1),
  framework: z.string().min(1),
  serves: z.array(z.enum(scenarioIds)).min(1),
  services: z.array(z.enum(['postgres', 'redis'])).default([]),
  build: command
    .extend({
      inputs: z.array(z.string()).default([]),
      outputs: z.array(z.string()).default([]),
    })
    .optional(),
  start: command.extend({ env: z.record(z.string(), z.string()).default({}) }),
  toolchain: z.object({ check: z.array(z.string().min(1)).min(1), install: z.string().min(1) }).optional(),
});

export type Manifest = z.infer<typeof manifestSchema> & {
  /** The implementation's folder, absolute: the cwd of its build and start. */
  folder: string;
};

/** Raised for a lab.json that cannot be used, naming the file and the field. */
export class ManifestError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ManifestError';
  }
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(the whole file)' : path.map(String).join('.');
}

/** Reads and validates one manifest; the error names the file and the first broken field. */
export function readManifest(file: string, folderName: string): Manifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ManifestError(file, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(file, `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ManifestError(file, `field "${fieldOf(issue.path)}" ${issue.message}`);
  }
  if (parsed.data.name !== folderName) {
    throw new ManifestError(file, `field "name" must be the folder's name "${folderName}", got "${parsed.data.name}"`);
  }
  if (new Set(parsed.data.serves).size !== parsed.data.serves.length) {
    throw new ManifestError(file, 'field "serves" names a scenario twice');
  }
  return { ...parsed.data, folder: join(implementationsFolder, folderName) };
}

let cached: readonly Manifest[] | undefined;

/**
 * Every implementation's manifest: Node's in-process ones (express, fastify) first, then the
 * others by name, so that the first is the reference the others are compared against.
 */
export function readManifests(folder = implementationsFolder): readonly Manifest[] {
  if (folder === implementationsFolder && cached) return cached;
  const manifests = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'lab.json')))
    .map((entry) => readManifest(join(folder, entry.name, 'lab.json'), entry.name))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  if (folder === implementationsFolder) cached = manifests;
  return manifests;
}

const referenceOrder = ['express', 'fastify'];
function rank(manifest: Manifest): number {
  const index = referenceOrder.indexOf(manifest.name);
  return index === -1 ? referenceOrder.length : index;
}

/** The manifest of one implementation, or an error naming those there are. */
export function manifestOf(name: string): Manifest {
  const manifest = readManifests().find((candidate) => candidate.name === name);
  if (!manifest)
    throw new Error(
      `no implementation "${name}": implementations/${name}/lab.json does not exist (there are ${readManifests()
        .map((m) => m.name)
        .join(', ')})`,
    );
  return manifest;
}

/** The implementations that serve every one of the scenarios. */
export function manifestsServing(...scenarios: readonly ScenarioId[]): readonly Manifest[] {
  return readManifests().filter((manifest) => scenarios.every((scenario) => manifest.serves.includes(scenario)));
}

/** A manifest's command with a path (`./build.sh`, `.venv/bin/uvicorn`) made absolute; a bare name stays for PATH. */
export function resolveCommand(manifest: Manifest, commandName: string): string {
  return commandName.includes('/') ? join(manifest.folder, commandName) : commandName;
}
