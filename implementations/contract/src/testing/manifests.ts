// The implementations of the lab: every folder implementations/<name>/ with a lab.json. The
// manifest says what the implementation serves, how it is built and started, and which
// toolchain it needs (implementations/README.md). Its `variants` are more implementations from
// the same folder and build, started otherwise (another runtime, another platform of the
// framework); each is a manifest of its own here. The contract harness, the load suites' targets
// (bench/targets.ts) and the fuzzer (scripts/fuzz-contract.ts) read them through this module alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const serves = z.array(z.enum(scenarioIds)).min(1);
const start = command.extend({ env: z.record(z.string(), z.string()).default({}) });
const toolchain = z.object({ check: z.array(z.string().min(1)).min(1), install: z.string().min(1) });

/** One more implementation from the folder: what differs from the folder's manifest; the rest is inherited. */
const variantSchema = z.object({
  name,
  framework: z.string().min(1),
  start,
  /** The folder's toolchain when absent. */
  toolchain: toolchain.optional(),
  /** The folder's `serves` when absent. */
  serves: serves.optional(),
});

const manifestSchema = z.object({
  name,
  language: z.string().min(1),
  framework: z.string().min(1),
  serves,
  services: z.array(z.enum(['postgres', 'redis'])).default([]),
  build: command
    .extend({
      inputs: z.array(z.string()).default([]),
      outputs: z.array(z.string()).default([]),
    })
    .optional(),
  start,
  toolchain: toolchain.optional(),
  variants: z.array(variantSchema).default([]),
});

export type Manifest = Omit<z.infer<typeof manifestSchema>, 'variants'> & {
  /** The implementation's folder, absolute: the cwd of its build and start (a variant's is its folder's). */
  folder: string;
  /** For a variant, the name of the folder's implementation it is a variant of. */
  variantOf?: string;
  /** The lab.json it comes from, and the field that names it (`name`, `variants.0.name`), for errors. */
  source: { file: string; field: string };
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

/**
 * Reads and validates one lab.json: the folder's implementation, then its variants, each a
 * manifest of its own that inherits what it does not set. The error names the file and the first
 * broken field.
 */
export function readManifestFile(file: string): readonly Manifest[] {
  const folder = dirname(file);
  const folderName = basename(folder);
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
  const { variants, ...own } = parsed.data;
  if (own.name !== folderName) {
    throw new ManifestError(file, `field "name" must be the folder's name "${folderName}", got "${own.name}"`);
  }
  const manifest: Manifest = { ...own, folder, source: { file, field: 'name' } };
  const manifests = [manifest];
  for (const [index, variant] of variants.entries()) {
    const field = `variants.${index}`;
    // The folder's name first, so that a variant sorts and reads as one of that folder's.
    if (!variant.name.startsWith(`${folderName}-`)) {
      throw new ManifestError(file, `field "${field}.name" must start with "${folderName}-", got "${variant.name}"`);
    }
    manifests.push({
      ...own,
      name: variant.name,
      framework: variant.framework,
      start: variant.start,
      toolchain: variant.toolchain ?? own.toolchain,
      serves: variant.serves ?? own.serves,
      folder,
      variantOf: own.name,
      source: { file, field: `${field}.name` },
    });
  }
  for (const each of manifests) {
    if (new Set(each.serves).size !== each.serves.length) {
      const field = each.variantOf ? each.source.field.replace(/name$/, 'serves') : 'serves';
      throw new ManifestError(file, `field "${field}" names a scenario twice`);
    }
  }
  return manifests;
}

let cached: readonly Manifest[] | undefined;

/**
 * Every implementation's manifest: Node's in-process ones (express, fastify) first, then the
 * others by folder name, each folder's variants right after it in the order of its lab.json, so
 * that the first is the reference the others are compared against. Every name is unique across
 * all of them, or the error names the file and field of the second.
 */
export function readManifests(folder = implementationsFolder): readonly Manifest[] {
  if (folder === implementationsFolder && cached) return cached;
  const manifests = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'lab.json')))
    .map((entry) => readManifestFile(join(folder, entry.name, 'lab.json')))
    .sort(([a], [b]) => rank(a!) - rank(b!) || a!.name.localeCompare(b!.name))
    .flat();
  const seen = new Map<string, Manifest>();
  for (const manifest of manifests) {
    const first = seen.get(manifest.name);
    if (first) {
      throw new ManifestError(
        manifest.source.file,
        `field "${manifest.source.field}" names "${manifest.name}", which ${first.source.file} already names (field "${first.source.field}"): every implementation's name must be unique`,
      );
    }
    seen.set(manifest.name, manifest);
  }
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
      `no implementation "${name}": no implementations/*/lab.json names it, nor a variant of one (there are ${readManifests()
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

/** The basic suites' scenarios (bench/basic/): where lab.json variants load in every selection but `none`. */
const basicScenarios: readonly ScenarioId[] = ['01', '02', '03', '04', '05', '06', '07', '08'];

/**
 * Which lab.json `variants` (the same code on another runtime or driver: express-deno,
 * fastify-bun, python-fastapi-msgspec ...) a load run takes, from LAB_VARIANTS: `all` (the
 * default: `pnpm lab`), `basic` (on the basic suites only: CI's smoke run, to stay within its
 * time budget) or `none` (`pnpm perf`, the default set: each implementation once).
 */
export type VariantSelection = 'all' | 'basic' | 'none';

export function variantSelection(env: NodeJS.ProcessEnv): VariantSelection {
  const value = env.LAB_VARIANTS?.trim() || 'all';
  if (value === 'all' || value === 'basic' || value === 'none') return value;
  throw new Error(`LAB_VARIANTS must be "all", "basic" or "none", got "${env.LAB_VARIANTS}"`);
}

/** Whether a load run with this selection takes the manifest for a suite of these scenarios: a folder's own always. */
export function isSelected(manifest: Manifest, scenarios: readonly ScenarioId[], selection: VariantSelection): boolean {
  if (!manifest.variantOf || selection === 'all') return true;
  return selection === 'basic' && scenarios.every((scenario) => basicScenarios.includes(scenario));
}
