import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The plugin's layers, top to bottom (docs/architecture.md): a module imports only from its own
 * folder or from layers below it, so that following one call never climbs back up. The entries
 * (what Vitest, the CLI and users load) sit on top; `testing/` holds fixtures for tests alone.
 */
const LAYERS: readonly string[][] = [
  ['index.ts', 'plugin.ts', 'plugin.test.ts', 'layers.test.ts', 'internal.ts', 'cli', 'setup', 'testing'],
  ['suite'],
  ['run'],
  ['report/vitest-reporter'],
  ['report/html'],
  ['report'],
  ['verdict'],
  ['baseline'],
  ['targets/services'],
  ['targets'],
  ['load'],
  ['measure'],
  ['format'],
];

const src = dirname(fileURLToPath(import.meta.url));

function modules(folder = src): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modules(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(src, join(folder, entry.name))]
        : [],
  );
}

/** The layer of a module: the longest folder (or file) prefix listed in LAYERS. */
function layerOf(module: string): { index: number; home: string } {
  let best: { index: number; home: string } | undefined;
  LAYERS.forEach((layer, index) => {
    for (const home of layer) {
      const inside = module === home || module.startsWith(`${home}/`);
      if (inside && (!best || home.length > best.home.length)) best = { index, home };
    }
  });
  if (!best)
    throw new Error(`${module} is in no layer: add its folder to LAYERS in layers.test.ts and docs/architecture.md`);
  return best;
}

/** Relative imports of a module, as paths relative to src. */
function importsOf(module: string): string[] {
  const text = readFileSync(join(src, module), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(src, resolve(dirname(join(src, module)), specifier)));
}

/** Every import that climbs: to a layer above its module's, or into testing/ from a module that is not a test. */
export function climbingImports(all: readonly string[]): string[] {
  return all.flatMap((module) => {
    const from = layerOf(module);
    return importsOf(module).flatMap((target) => {
      const to = layerOf(target);
      const isTest = module.endsWith('.test.ts');
      if (to.home === 'testing')
        return isTest || from.home === 'testing' ? [] : [`${module} → ${target} (test fixtures are for tests)`];
      if (from.home === 'testing' && isTest) return [];
      return to.index < from.index || (to.index === from.index && to.home !== from.home && from.index !== 0)
        ? [`${module} → ${target}`]
        : [];
    });
  });
}

describe('the plugin source', () => {
  const all = modules();

  test('imports only downwards, from the entries through suite, run, report, verdict, baseline, targets and load to measure and format', () => {
    expect(climbingImports(all)).toEqual([]);
  });

  test('has no module over 300 lines', () => {
    const long = all
      .filter((module) => !module.endsWith('.test.ts'))
      .map((module) => ({ module, lines: readFileSync(join(src, module), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  test('names nothing of the lab that uses it: no lab folders, projects or database', () => {
    const named = all
      .filter((module) => !module.endsWith('.test.ts'))
      .flatMap((module) =>
        readFileSync(join(src, module), 'utf8')
          .split('\n')
          .map((line, index) => ({ where: `${module}:${index + 1}`, line }))
          .filter(({ line }) => /--project perf|scripts\/containers|implementations\/|bench\/|['"]lab['"]/.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(named).toEqual([]);
  });

  test('points only to pages the package ships in its own docs folder', () => {
    const pages = all.flatMap((module) =>
      [...readFileSync(join(src, module), 'utf8').matchAll(/docs\/([\w-]+\.md)/g)].map((match) => ({
        module,
        page: match[1]!,
      })),
    );
    const missing = pages
      .filter(({ page }) => !existsSync(join(src, '..', 'docs', page)))
      .map(({ module, page }) => `${module}: docs/${page}`);
    expect(pages.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
