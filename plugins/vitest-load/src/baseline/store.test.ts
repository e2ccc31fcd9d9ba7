import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleBaselineEntry } from '../testing/sample-result.ts';
import { BaselineFileError, findBaselineEntry, readBaselineFile, writeBaselineEntry } from './store.ts';

const entry = sampleBaselineEntry();

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vitest-load-baselines-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('baseline store', () => {
  it('reads a missing file as no baseline', async () => {
    expect(await readBaselineFile(join(folder, 'none.json'))).toBeUndefined();
  });

  it('writes entries that read back, keeps other entries and sorts names for a stable diff', async () => {
    const file = join(folder, 'basic', '01-health.json');
    await writeBaselineEntry(file, 'bench/basic/01-health.load.ts', 'GET /health', 'fastify', entry);
    await writeBaselineEntry(file, 'bench/basic/01-health.load.ts', 'GET /health', 'express', {
      ...entry,
      requests: 5,
    });
    const stored = await readBaselineFile(file);
    expect(findBaselineEntry(stored, 'GET /health', 'fastify')).toEqual(entry);
    expect(findBaselineEntry(stored, 'GET /health', 'express')?.requests).toBe(5);
    expect(Object.keys(stored!.scenarios['GET /health']!)).toEqual(['express', 'fastify']);
    const text = await readFile(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n      "fastify": {\n');
    expect(await readdir(join(folder, 'basic'))).toEqual(['01-health.json']); // no temporary file left
  });

  it('names the file and the broken field of a hand-edited baseline', async () => {
    const file = join(folder, 'broken.json');
    await writeBaselineEntry(file, 'suite', 'GET /health', 'fastify', entry);
    const text = (await readFile(file, 'utf8')).replace('"p95": 1.25', '"p95": "fast"');
    await writeFile(file, text);
    const error = await readBaselineFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BaselineFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('field "scenarios.GET /health.fastify.latencyMs.p95"');
    expect((error as Error).message).toContain('left unchanged');
  });

  it('names the file of a baseline that is not JSON', async () => {
    const file = join(folder, 'truncated.json');
    await writeFile(file, '{"formatVersion": 1, "scen');
    await expect(readBaselineFile(file)).rejects.toThrow(`Baseline file ${file} is not valid: it is not JSON`);
  });

  it('refuses a baseline of another format version', async () => {
    const file = join(folder, 'future.json');
    await writeFile(file, JSON.stringify({ formatVersion: 2, suite: 'x', scenarios: {} }));
    await expect(readBaselineFile(file)).rejects.toThrow('field "formatVersion"');
  });
});
