import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The flame-graph library the report inlines when a result has a CPU profile: d3-flame-graph
 * (npm `d3-flame-graph`, Apache-2.0; Brendan Gregg's flame graphs on d3, with search and a
 * differential colouring built in). Its browser build expects the d3 modules it uses as the
 * global `d3`, so their own browser builds (ISC) go first, each after what it needs.
 */
const D3_MODULES = [
  // [module, the package whose dependency it is]
  ['d3-array', 'd3-flame-graph'],
  ['d3-dispatch', 'd3-flame-graph'],
  ['d3-ease', 'd3-flame-graph'],
  ['d3-format', 'd3-flame-graph'],
  ['d3-color', 'd3-transition'],
  ['d3-interpolate', 'd3-transition'],
  ['d3-timer', 'd3-transition'],
  ['d3-time', 'd3-scale'],
  ['d3-time-format', 'd3-scale'],
  ['d3-scale', 'd3-flame-graph'],
  ['d3-selection', 'd3-flame-graph'],
  ['d3-transition', 'd3-flame-graph'],
  ['d3-hierarchy', 'd3-flame-graph'],
] as const;

let cached: string | undefined;

/** The folder a package's entry point lies in, resolved as `from` (a package path or this module) resolves it. */
function packageFolder(name: string, from: string): string {
  const entry = createRequire(from).resolve(name);
  const marker = `/node_modules/${name}/`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
}

/**
 * d3 and d3-flame-graph as one script for the page, read from node_modules (pnpm keeps a
 * package's dependencies beside it, so each is resolved from the package that depends on it).
 */
export function loadFlameLibrary(): string {
  if (cached === undefined) {
    const flame = packageFolder('d3-flame-graph', import.meta.url);
    const folders = new Map<string, string>([['d3-flame-graph', flame]]);
    const parts = D3_MODULES.map(([name, parent]) => {
      const folder = packageFolder(
        name,
        join(folders.get(parent) ?? packageFolder(parent, join(flame, 'package.json')), 'package.json'),
      );
      folders.set(name, folder);
      return readFileSync(join(folder, 'dist', `${name}.min.js`), 'utf8');
    });
    cached = [...parts, readFileSync(join(flame, 'dist', 'd3-flamegraph.umd.min.js'), 'utf8')].join('\n;\n');
  }
  return cached;
}
