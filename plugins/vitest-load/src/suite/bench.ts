import { describe, expect, inject, test } from 'vitest';
import { runtimesOfRun, targetOnRuntime } from '../targets/test-runtime.ts';
import { SERVICES_KEY, SETTINGS_KEY, type LoadRunSettings } from '../run/settings.ts';
import type { SuiteTestContext } from '../run/test-context.ts';
import {
  parseCompareSuiteOptions,
  parseCompareTargetsOptions,
  parseLoadSuiteOptions,
  type CompareSuiteInput,
  type CompareTargetsInput,
  type LoadSuiteInput,
} from './options.ts';
import { isComparison, isTargetsComparison, type SuiteOptions } from '../run/round-schedule.ts';
import type { LoadSuiteOptions } from '../run/suite-options.ts';
import type { RuntimeName } from '../targets/runtime-context.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';
import { runSuiteTest } from '../run/run-suite-test.ts';
import { planMeta, plannedSeconds } from '../report/suite-plan.ts';

/** Time a test may take beyond its load, its processes' start and stop: hooks, judging, recording. */
const OVERHEAD_SECONDS = 15;

/**
 * Long enough for everything the test is allowed to wait for, so that Vitest's timeout never cuts
 * a healthy run: every round starts and stops its processes, warms up and loads, on both sides
 * of a same-job A/B.
 */
function testTimeoutMs(
  options: Pick<LoadSuiteOptions, 'warmup' | 'duration' | 'timeout' | 'rounds' | 'faults'>,
  target: LoadSuiteOptions['targets'][number],
  sides: number,
  loadsPerRound = 1,
): number {
  const processes = [target, ...target.sidecars].reduce(
    (sum, process) => sum + process.startupTimeout + process.stopGracePeriod,
    0,
  );
  // A fault's end may wait for a service to start again (PostgreSQL: its own 30 s at most).
  const faults = (options.faults?.length ?? 0) * 30;
  const round = processes + loadsPerRound * (options.warmup + options.duration + 2 * options.timeout + faults);
  return (round * options.rounds.max * sides + OVERHEAD_SECONDS) * 1000;
}

function runSettings(): LoadRunSettings {
  const settings = inject(SETTINGS_KEY);
  if (!settings) {
    throw new Error(
      'vitest-load is not set up for this project: add `plugins: [vitestLoad()]` (from "vitest-load/plugin") to the project in vitest.config.ts.',
    );
  }
  return settings;
}

/**
 * The suite's load as this run measures it: with the run's rounds (VITEST_LOAD_ROUNDS) if set,
 * and in watch mode or a smoke run, one round, of the short load where the load is steady.
 * Its change against the previous run shows in the table; against the baseline it is reported only.
 */
function adjustedForRun<Options extends Pick<LoadSuiteOptions, 'warmup' | 'duration' | 'rounds' | 'stages' | 'faults'>>(
  suiteOptions: Options,
  settings: LoadRunSettings,
): Options {
  const options = settings.rounds ? { ...suiteOptions, rounds: settings.rounds } : suiteOptions;
  if (!settings.shortLoad || settings.base) return options;
  const oneRound = { ...options, rounds: { min: 1, max: 1 } };
  // Changing stages and faults are timed within the load: a shorter load would cut them. A steady
  // load (no stages, or one arrival rate) is shortened, its one stage with it.
  const steady = !options.stages || (options.stages.length === 1 && 'rate' in options.stages[0]!);
  if (!steady || (options.faults?.length ?? 0) > 0) return oneRound;
  const duration = Math.min(options.duration, settings.shortLoad.duration);
  return {
    ...oneRound,
    warmup: Math.min(options.warmup, settings.shortLoad.warmup),
    duration,
    ...(options.stages ? { stages: options.stages.map((stage) => ({ ...stage, duration })) } : {}),
  };
}

/**
 * The seconds one test is expected to take in this run, for the progress across suites: the load
 * as this run cuts it (rounds, smoke or watch load), at the suite's minimum rounds, every
 * variant (or every target of a comparison of targets) loaded in each, on both sides of an A/B.
 */
function expectedSeconds(options: SuiteOptions, targetsPerRound: number): number {
  // Collection runs where the settings were provided; without them (a project without the plugin) the test itself says so.
  const settings = inject(SETTINGS_KEY) as LoadRunSettings | undefined;
  const run = settings ? adjustedForRun(options, settings) : options;
  const variants = isComparison(options) ? options.variants.length : 1;
  return plannedSeconds({
    rounds: run.rounds.min,
    loadsPerRound: variants * targetsPerRound,
    loadSeconds: run.warmup + run.duration,
    sides: settings?.base ? 2 : 1,
  });
}

/**
 * One Vitest test per target and runtime (with both runtimes, process and container side by
 * side), each handing its context to `run`; a comparison of targets is one test per runtime.
 */
function declareTests<Options extends SuiteOptions>(
  scenario: string,
  options: Options,
  timeoutMs: (target: TargetDefinition) => number,
  run: (context: SuiteTestContext<Options>) => Promise<void>,
): void {
  const tested = isTargetsComparison(options)
    ? [
        {
          target: options.targets[0]!,
          name: (runtime: RuntimeName) =>
            options.targets.map((target) => targetOnRuntime(target.name, runtime)).join(' vs '),
        },
      ]
    : options.targets.map((target) => ({
        target,
        name: (runtime: RuntimeName) => targetOnRuntime(target.name, runtime),
      }));
  const meta = planMeta(expectedSeconds(options, isTargetsComparison(options) ? options.targets.length : 1));
  describe(scenario, () => {
    for (const { target, name } of tested)
      for (const runtime of runtimesOfRun()) {
        test(name(runtime), { timeout: timeoutMs(target), meta }, async ({ task }) => {
          const settings = runSettings();
          const update = expect.getState().snapshotState?.snapshotUpdateState === 'all';
          await run({
            scenario,
            target,
            runtime,
            options: update ? options : adjustedForRun(options, settings),
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
}

export const bench = {
  /**
   * `bench.load(scenario, options)` declares a load scenario: one Vitest test per target, each
   * starting its target, loading it and judging the result against the suite's baseline.
   */
  load(scenario: string, input: LoadSuiteInput): void {
    const options = parseLoadSuiteOptions(scenario, input);
    // The timeout is fixed when the test is declared, before settings can be read: allow for a base side.
    declareTests(scenario, options, (target) => testTimeoutMs(options, target, 2), runSuiteTest);
  },

  /**
   * `bench.compare(scenario, options)` compares variants of a scenario (offset against cursor
   * pagination, say) measured side by side on the same target in every round, one test per
   * target; `expect` states what the measurement must not contradict ("cursor at least 1.5x
   * faster than offset"). Each variant is also reported and baselined as "scenario › variant".
   */
  compare(scenario: string, input: CompareSuiteInput): void {
    const options = parseCompareSuiteOptions(scenario, input);
    declareTests(
      scenario,
      options,
      (target) => testTimeoutMs(options, target, 1, options.variants.length),
      runSuiteTest,
    );
  },

  /**
   * `bench.compareTargets(scenario, options)` loads every target with the same requests in the
   * same rounds (each started and loaded in turn, the first rotating), one test for all; `expect`
   * states claims between targets ("fastify at least 1.5x faster than express in p50"), judged on
   * the per-round ratios like a comparison's. Each target is reported and baselined as in `bench.load()`.
   */
  compareTargets(scenario: string, input: CompareTargetsInput): void {
    const options = parseCompareTargetsOptions(scenario, input);
    declareTests(
      scenario,
      options,
      () => options.targets.reduce((sum, target) => sum + testTimeoutMs(options, target, 1), 0),
      runSuiteTest,
    );
  },
};
