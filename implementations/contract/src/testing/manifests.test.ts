import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSelected, manifestOf, readManifests, variantSelection } from './manifests.ts';

/** A folder of implementations made for one test: each lab.json written from an object. */
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lab-manifests-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(folder: string, manifest: unknown): string {
  mkdirSync(join(root, folder), { recursive: true });
  const file = join(root, folder, 'lab.json');
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

/** A manifest that passes, with a variant per entry of `variants`. */
function manifest(name: string, variants?: unknown[]) {
  return {
    name,
    language: 'typescript',
    framework: `${name} on Node.js`,
    serves: ['01', '02', '03'],
    services: ['postgres'],
    build: { command: 'pnpm', args: ['run', 'build'], inputs: ['src'], outputs: ['dist'] },
    start: { command: 'node', args: ['dist/server.js'] },
    toolchain: { check: ['node', '--version'], install: 'apt-get install -y nodejs' },
    ...(variants && { variants }),
  };
}

const denoStart = {
  command: 'node_modules/deno/deno',
  args: ['run', '-A', 'dist/server.js'],
  env: { DENO_NO_UPDATE_CHECK: '1' },
};

describe('readManifests with variants', () => {
  it('returns each variant right after its folder, inheriting language, services, build, serves, toolchain and folder', () => {
    write('zeta', manifest('zeta'));
    write('express', manifest('express', [{ name: 'express-deno', framework: 'Express on Deno', start: denoStart }]));

    const manifests = readManifests(root);

    expect(manifests.map((each) => each.name)).toEqual(['express', 'express-deno', 'zeta']);
    const [express, variant] = manifests;
    expect(variant).toMatchObject({
      name: 'express-deno',
      framework: 'Express on Deno',
      start: denoStart,
      language: express!.language,
      services: express!.services,
      build: express!.build,
      serves: express!.serves,
      toolchain: express!.toolchain,
      folder: join(root, 'express'),
      variantOf: 'express',
    });
    expect(express!.variantOf).toBeUndefined();
    expect(express).not.toHaveProperty('variants');
  });

  it('keeps the variants in the order of the lab.json, and lets a variant set its own serves and toolchain', () => {
    const toolchain = { check: ['node_modules/.bin/bun', '--version'], install: 'pnpm install' };
    write(
      'fastify',
      manifest('fastify', [
        { name: 'fastify-deno', framework: 'Fastify on Deno', start: denoStart },
        {
          name: 'fastify-bun',
          framework: 'Fastify on Bun',
          start: { command: 'node_modules/.bin/bun', args: ['dist/server.js'] },
          serves: ['01'],
          toolchain,
        },
      ]),
    );

    const [, deno, bun] = readManifests(root);

    expect(deno).toMatchObject({ name: 'fastify-deno', serves: ['01', '02', '03'] });
    expect(bun).toMatchObject({ name: 'fastify-bun', serves: ['01'], toolchain, start: { env: {} } });
  });

  it('refuses a variant whose name does not start with the folder name and a dash, naming the file and the field', () => {
    const file = write(
      'express',
      manifest('express', [{ name: 'deno-express', framework: 'Express on Deno', start: denoStart }]),
    );

    expect(() => readManifests(root)).toThrow(
      `${file}: field "variants.0.name" must start with "express-", got "deno-express"`,
    );
  });

  it('refuses a variant without a start, naming the field', () => {
    const file = write('express', manifest('express', [{ name: 'express-deno', framework: 'Express on Deno' }]));

    expect(() => readManifests(root)).toThrow(new RegExp(`^${file}: field "variants\\.0\\.start" `));
  });

  it('refuses a variant that names a scenario twice in its serves', () => {
    const file = write(
      'express',
      manifest('express', [
        { name: 'express-deno', framework: 'Express on Deno', start: denoStart, serves: ['01', '01'] },
      ]),
    );

    expect(() => readManifests(root)).toThrow(`${file}: field "variants.0.serves" names a scenario twice`);
  });

  it('refuses two variants of one folder with the same name, naming the second', () => {
    const variant = { name: 'express-deno', framework: 'Express on Deno', start: denoStart };
    const file = write('express', manifest('express', [variant, variant]));

    expect(() => readManifests(root)).toThrow(
      `${file}: field "variants.1.name" names "express-deno", which ${file} already names (field "variants.0.name"): every implementation's name must be unique`,
    );
  });

  it('refuses a variant with the name of another folder, naming both files', () => {
    const variantFile = write(
      'express',
      manifest('express', [{ name: 'express-deno', framework: 'Express on Deno', start: denoStart }]),
    );
    const folderFile = write('express-deno', manifest('express-deno'));

    expect(() => readManifests(root)).toThrow(
      `${folderFile}: field "name" names "express-deno", which ${variantFile} already names (field "variants.0.name"): every implementation's name must be unique`,
    );
  });
});

describe("the lab's own manifests", () => {
  it('give every implementation a unique name, each variant after the implementation it varies', () => {
    const manifests = readManifests();
    const names = manifests.map((each) => each.name);

    expect(new Set(names).size).toBe(names.length);
    for (const [index, each] of manifests.entries()) {
      if (!each.variantOf) continue;
      // The one before is the implementation it varies, or another variant of it.
      const before = manifests[index - 1]!;
      expect(before.variantOf ?? before.name).toBe(each.variantOf);
    }
  });
});

describe('which variants a load run takes (LAB_VARIANTS)', () => {
  const express = manifestOf('express');
  const expressDeno = manifestOf('express-deno');

  it('takes every variant by default', () => {
    expect(variantSelection({})).toBe('all');
    expect(isSelected(expressDeno, ['flash'], 'all')).toBe(true);
  });

  it('takes variants on the basic suites only with "basic"', () => {
    expect(isSelected(expressDeno, ['03'], 'basic')).toBe(true);
    expect(isSelected(expressDeno, ['09'], 'basic')).toBe(false);
    expect(isSelected(expressDeno, ['14', '15', '16'], 'basic')).toBe(false);
  });

  it('takes no variant with "none", and every folder\'s own implementation whatever the selection', () => {
    expect(isSelected(expressDeno, ['01'], 'none')).toBe(false);
    expect(isSelected(express, ['flash'], 'none')).toBe(true);
  });

  it('names the variable and the values it takes when given another', () => {
    expect(() => variantSelection({ LAB_VARIANTS: 'some' })).toThrow(
      'LAB_VARIANTS must be "all", "basic" or "none", got "some"',
    );
  });
});
