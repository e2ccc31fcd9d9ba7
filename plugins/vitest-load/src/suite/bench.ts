import { describe, expect, inject, test } from 'vitest';
import { runtimesOfRun, targetOnRuntime } from '../runtime/test-runtime.ts';
import { SERVICES_KEY, SETTINGS_KEY, type LoadRunSettings } from '../settings.ts';
import { parseLoadSuiteOptions, type LoadSuiteInput, type LoadSuiteOptions } from './options.ts';
import { runLoadTest } from './run-load-test.ts';

/** Time a test may take beyond its load, its processes' start and stop: hooks, judging, recording. */
const OVERHEAD_SECONDS = 15;

/** Long enough for everything the test is allowed to wait for, so that Vitest's timeout never cuts a healthy run. */
function testTimeoutMs(options: LoadSuiteOptions, target: LoadSuiteOptions['targets'][number]): number {
  const processes = [target, ...target.sidecars].reduce((sum, process) => sum + process.startupTimeout + process.stopGracePeriod, 0);
  return (processes + options.warmup + options.duration + 2 * options.timeout + OVERHEAD_SECONDS) * 1000;
}

function runSettings(): LoadRunSettings {
  const settings = inject(SETTINGS_KEY);
  if (!settings) {
    throw new Error('vitest-load is not set up for this project: add `plugins: [vitestLoad()]` (from "vitest-load/plugin") to the project in vitest.config.ts.');
  }
  return settings;
}

/** In watch mode a saved file should give a verdict in seconds: the load is cut to the watch-mode load. */
function shortenedForWatchMode(options: LoadSuiteOptions, settings: LoadRunSettings): LoadSuiteOptions {
  if (!settings.watchLoad) return options;
  return { ...options, warmup: Math.min(options.warmup, settings.watchLoad.warmup), duration: Math.min(options.duration, settings.watchLoad.duration) };
}

/**
 * `bench.load(scenario, options)` declares a load scenario: one Vitest test per target, each
 * starting its target, loading it and judging the result against the suite's baseline.
 */
export const bench = {
  load(scenario: string, input: LoadSuiteInput): void {
    const options = parseLoadSuiteOptions(scenario, input);
    describe(scenario, () => {
      // One test per target and runtime: with both runtimes, process and container side by side.
      for (const target of options.targets) for (const runtime of runtimesOfRun()) {
        test(targetOnRuntime(target.name, runtime), { timeout: testTimeoutMs(options, target) }, async ({ task }) => {
          const settings = runSettings();
          const update = expect.getState().snapshotState?.snapshotUpdateState === 'all';
          await runLoadTest({
            scenario,
            target,
            runtime,
            options: update ? options : shortenedForWatchMode(options, settings),
            settings,
            services: inject(SERVICES_KEY),
            suiteFile: task.file.filepath,
            update,
            meta: task.meta,
            log: (line) => console.log(line),
          });
        });
      }
    });
  },
};
