import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BASELINE_FORMAT_VERSION, baselineFileSchema, type BaselineEntry, type BaselineFile } from './schema.ts';

/** A baseline file that exists but cannot be trusted; it is left as it is. */
export class BaselineFileError extends Error {
  override name = 'BaselineFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `Baseline file ${file} is not valid: ${problem}\nIt was left unchanged. Fix it by hand, or record it anew with an explicit update (vitest run -u).`,
    );
  }
}

/** Reads a suite's baseline file; `undefined` when it does not exist yet. */
export async function readBaselineFile(file: string): Promise<BaselineFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BaselineFileError(file, `it is not JSON (${(error as Error).message})`);
  }
  const parsed = baselineFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `field "${issue.path.map(String).join('.') || '(root)'}": ${issue.message}`,
    );
    throw new BaselineFileError(file, problems.join('; '));
  }
  return parsed.data;
}

export function findBaselineEntry(
  file: BaselineFile | undefined,
  scenario: string,
  target: string,
): BaselineEntry | undefined {
  return file?.scenarios[scenario]?.[target];
}

/**
 * Stores one entry, keeping every other entry of the file. Keys are sorted and the JSON
 * indented so that a re-recorded baseline shows as a small diff in review. The file is
 * written beside its final name and renamed over it, so a crash never leaves half a file.
 * A corrupt existing file is replaced only because the caller asked for an update.
 */
export async function writeBaselineEntry(
  file: string,
  suite: string,
  scenario: string,
  target: string,
  entry: BaselineEntry,
): Promise<void> {
  let existing: BaselineFile | undefined;
  try {
    existing = await readBaselineFile(file);
  } catch (error) {
    if (!(error instanceof BaselineFileError)) throw error;
  }
  const scenarios = { ...existing?.scenarios };
  scenarios[scenario] = { ...scenarios[scenario], [target]: entry };
  const content: BaselineFile = { formatVersion: BASELINE_FORMAT_VERSION, suite, scenarios: sortScenarios(scenarios) };
  await writeFileAtomically(file, `${JSON.stringify(content, null, 2)}\n`);
}

async function writeFileAtomically(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Scenario and target names in a stable order; the fields of an entry keep their written order. */
function sortScenarios(scenarios: BaselineFile['scenarios']): BaselineFile['scenarios'] {
  const byName = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return byName(Object.fromEntries(Object.entries(scenarios).map(([name, targets]) => [name, byName(targets)])));
}
