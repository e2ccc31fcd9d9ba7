import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The charting library the report inlines: uPlot (npm `uplot`, MIT). It is about 50 kB minified,
 * has no dependencies, draws on a canvas fast enough for thousands of points, and has what the
 * report needs built in: numeric and logarithmic axes with custom ticks, stepped paths for
 * histograms, dashed series and a legend. Chart.js would do too but is several times the size,
 * for features (animations, pie charts) the report does not use.
 */
export interface ChartLibrary {
  script: string;
  css: string;
}

let cached: ChartLibrary | undefined;

/**
 * Reads uPlot's browser build from node_modules. Resolved from this module, so it is found both
 * from `src` (under Vitest) and from the compiled `dist`, without copying the files anywhere.
 */
export function loadChartLibrary(): ChartLibrary {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = {
      // The IIFE build defines the global `uPlot` that the page's own script uses.
      script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return cached;
}
