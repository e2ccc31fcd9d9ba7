import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vitest/config';
import type { Vitest } from 'vitest/node';
import { prepareBaseCheckout, type BaseCheckout } from './run/base-checkout.ts';
import { LoadReporter } from './report/vitest-reporter/load-reporter.ts';
import { SuiteProgressReporter } from './report/vitest-reporter/suite-progress-reporter.ts';
import { pinThisProcess, planCpuPinning } from './targets/cpu-pinning.ts';
import { RUNTIME_REQUEST_KEY } from './targets/runtime-context.ts';
import { resolveRuntimeRequest, type RuntimePluginOptions } from './targets/runtime-options.ts';
import { defaultPostgresSettings, type PostgresSettings } from './targets/services/postgres.ts';
import type { ServiceName } from './targets/service.ts';
import { SERVICE_REQUEST_KEY, SERVICES_KEY, SETTINGS_KEY, type LoadRunSettings } from './run/settings.ts';
import { parseDurationSeconds } from './suite/duration.ts';
import type { LatencyGateMode } from './verdict/verdict.ts';
import { engineFromEnv, type LoadEngine } from './load/load-engine.ts';

export interface VitestLoadPluginOptions extends RuntimePluginOptions {
  /**
   * Services the project's targets may use, started once per Vitest process (kept across
   * watch-mode re-runs) unless DATABASE_URL / REDIS_URL point at servers of your own.
   */
  services?: ServiceName[];
  /** Settings of the embedded PostgreSQL; they are recorded with every result. */
  postgres?: Partial<PostgresSettings>;
  /** Where baselines live, relative to the Vitest root. Default: `baselines`. */
  baselineDir?: string;
  /**
   * The folder holding the suites, relative to the Vitest root: baselines mirror the layout below
   * it (`perf/api/users.load.ts` → `baselines/api/users.json` with `suitesDir: 'perf'`). Default: the root.
   */
  suitesDir?: string;
  /** Where `results.json` and `summary.md` are written, relative to the Vitest root. Default: `reports`. */
  reportsDir?: string;
  /**
   * `enforce` fails a test whose latency regressed; `report` only reports it. Default: `report`
   * when the CI environment variable is set (baselines measured on another machine), else
   * `enforce`. The VITEST_LOAD_LATENCY_GATE environment variable overrides both.
   */
  latencyGate?: LatencyGateMode;
  /** Fail a test that has no baseline. Default: false; VITEST_LOAD_REQUIRE_BASELINE=1 sets it. */
  requireBaseline?: boolean;
  /**
   * Enforce p95 comparisons against baselines measured in another environment (CPU model,
   * cores, Node, runtime, pinning). Default: false, such changes are reported only;
   * VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1 sets it.
   */
  compareAcrossEnvironments?: boolean;
  /**
   * The load in watch mode, where a saved file should give a verdict in seconds: warm-up and
   * duration are cut to these unless a suite asks for less. Recording baselines (-u, or `u`)
   * always uses the suite's full load. `false` keeps the full load. Default: 1 s and 2 s.
   */
  watchLoad?: { warmup?: number | string; duration?: number | string } | false;
  /** Pin target and load generator to different cores with taskset. Default: true; VITEST_LOAD_PIN_CPUS=0 turns it off. */
  pinCpus?: boolean;
  /**
   * The pre-merge gate: a git ref (e.g. `origin/main`) whose merge base with HEAD is checked out,
   * set up, and measured in rounds interleaved with the working tree's code, in this job; results
   * are judged against it instead of stored baselines. VITEST_LOAD_BASE overrides it.
   */
  base?: string;
  /** Rounds for every suite, overriding theirs: a number, or `{ min, max }`. VITEST_LOAD_ROUNDS ("1", "3-10") overrides it. */
  rounds?: number | { min: number; max: number };
  /** Shell command that installs and builds the base checkout. Default: from the lockfile (pnpm, yarn or npm install, then build). VITEST_LOAD_BASE_SETUP overrides it. */
  baseSetup?: string;
}

const reportersAdded = new WeakSet<Vitest>();
/** The projects of each Vitest run that use the plugin: the progress reporter counts their suites only. */
const loadProjects = new WeakMap<Vitest, Set<string>>();
const baseCheckouts = new WeakMap<Vitest, Promise<BaseCheckout>>();

/** The Vitest plugin: hands run settings to the suites and adds the results table reporter. */
export function vitestLoad(options: VitestLoadPluginOptions = {}): Plugin {
  // Checked here, so that a bad runtime option or VITEST_LOAD_RUNTIME stops the run before it starts.
  const runtimeRequest = resolveRuntimeRequest(options, process.env);
  // The runtime's setup (engine, network, cleanup) runs first: the services' setup starts them on it.
  const globalSetup = [
    ...(runtimeRequest.mode === 'process' ? [] : [globalSetupFile('runtime')]),
    ...(options.services?.length ? [globalSetupFile('services')] : []),
  ];
  return {
    name: 'vitest-load',
    config: () => ({
      test: {
        fileParallelism: false,
        ...(globalSetup.length ? { globalSetup } : {}),
      },
    }),
    async configureVitest({ vitest, project }) {
      const root = project.config.root;
      const settings = resolveSettings(options, root, process.env, vitest.config.watch, project.name);
      const baseRef = process.env.VITEST_LOAD_BASE || options.base;
      if (isTruthy(process.env.VITEST_LOAD_NOISE)) {
        // The noise probe (`vitest-load noise`): the same code on both sides, so every change it measures is the machine's.
        settings.base = { label: 'the same code (A/A noise probe)', commit: 'working tree', root };
      } else if (baseRef) {
        const setup = process.env.VITEST_LOAD_BASE_SETUP || options.baseSetup;
        const checkout =
          baseCheckouts.get(vitest) ??
          prepareBaseCheckout({ root, ref: baseRef, ...(setup ? { setup } : {}), log: (line) => console.log(line) });
        baseCheckouts.set(vitest, checkout);
        settings.base = await checkout;
      }
      project.provide(SETTINGS_KEY, settings);
      project.provide(RUNTIME_REQUEST_KEY, runtimeRequest);
      const services = options.services ?? [];
      project.provide(SERVICE_REQUEST_KEY, {
        services,
        options: { postgres: { ...defaultPostgresSettings, ...options.postgres } },
      });
      if (services.length === 0) project.provide(SERVICES_KEY, { env: {}, descriptions: [] });
      const projects = loadProjects.get(vitest) ?? new Set<string>();
      loadProjects.set(vitest, projects.add(project.name));
      if (!reportersAdded.has(vitest)) {
        reportersAdded.add(vitest);
        vitest.config.reporters.push(
          new SuiteProgressReporter(projects),
          new LoadReporter(options.reportsDir ?? 'reports'),
        );
        await keepOffTargetCores(settings.pinCpus);
      }
    },
  };
}

/** A global setup module (`setup/services-setup` or `setup/runtime-setup`), compiled (.js) or not (.ts) as this file is. */
function globalSetupFile(of: 'services' | 'runtime'): string {
  const self = fileURLToPath(import.meta.url);
  return fileURLToPath(new URL(`./setup/${of}-setup${extname(self)}`, import.meta.url));
}

/**
 * Vitest's own process (watcher start-up, transforms, terminal rendering) would otherwise run
 * on the target's core: the first run in watch mode measured Express's p95 at +178% while the
 * watcher crawled the tree. It shares the load generator's core instead.
 */
async function keepOffTargetCores(pinCpus: boolean): Promise<void> {
  const pinning = planCpuPinning(!pinCpus);
  if (pinning.pinned) await pinThisProcess(pinning.loadGeneratorCpus);
}

/** A smoke run's load (VITEST_LOAD_SMOKE=1): enough requests for the data checks and statement counts, not for an interval. */
const SMOKE_LOAD = { warmup: 0.5, duration: 1.5 };

export function resolveSettings(
  options: VitestLoadPluginOptions,
  root: string,
  env: NodeJS.ProcessEnv,
  watch = false,
  projectName = '',
): LoadRunSettings {
  const shortLoad =
    watch && options.watchLoad !== false
      ? {
          warmup: parseDurationSeconds(options.watchLoad?.warmup ?? 1) ?? 1,
          duration: parseDurationSeconds(options.watchLoad?.duration ?? 2) ?? 2,
        }
      : isTruthy(env.VITEST_LOAD_SMOKE)
        ? SMOKE_LOAD
        : undefined;
  return {
    ...(shortLoad ? { shortLoad } : {}),
    root,
    suitesDir: resolve(root, options.suitesDir ?? '.'),
    baselineDir: resolve(root, options.baselineDir ?? 'baselines'),
    recordCommand: `${packageRunner(env)} vitest run${projectName ? ` --project ${projectName}` : ''} -u`,
    latencyGate:
      latencyGateFrom(env.VITEST_LOAD_LATENCY_GATE) ?? options.latencyGate ?? (isTruthy(env.CI) ? 'report' : 'enforce'),
    requireBaseline: isTruthy(env.VITEST_LOAD_REQUIRE_BASELINE) || (options.requireBaseline ?? false),
    compareAcrossEnvironments:
      isTruthy(env.VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS) || (options.compareAcrossEnvironments ?? false),
    pinCpus: env.VITEST_LOAD_PIN_CPUS === undefined ? (options.pinCpus ?? true) : isTruthy(env.VITEST_LOAD_PIN_CPUS),
    ...roundsFrom(env.VITEST_LOAD_ROUNDS, options.rounds),
    ...engineOf(env.VITEST_LOAD_ENGINE),
    ...(isTruthy(env.VITEST_LOAD_PROFILE) ? { profile: true } : {}),
  };
}

function roundsFrom(
  value: string | undefined,
  option: VitestLoadPluginOptions['rounds'],
): { rounds?: { min: number; max: number } } {
  if (value !== undefined && value !== '') {
    const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
    const min = Number(match?.[1]);
    const max = Number(match?.[2] ?? match?.[1]);
    if (!match || min < 1 || max < min || max > 100)
      throw new Error(
        `VITEST_LOAD_ROUNDS must be a number of rounds ("3") or a range ("3-10"), 1 to 100, got "${value}"`,
      );
    return { rounds: { min, max } };
  }
  if (option === undefined) return {};
  return { rounds: typeof option === 'number' ? { min: option, max: option } : option };
}

function engineOf(value: string | undefined): { engine?: LoadEngine } {
  const engine = engineFromEnv(value);
  return engine ? { engine } : {};
}

function latencyGateFrom(value: string | undefined): LatencyGateMode | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'enforce' || value === 'report') return value;
  throw new Error(`VITEST_LOAD_LATENCY_GATE must be "enforce" or "report", got "${value}"`);
}

/** How this project's package manager runs a local binary, from the agent that started the run: `pnpm`, `yarn` or `npx`. */
function packageRunner(env: NodeJS.ProcessEnv): string {
  const agent = env.npm_config_user_agent ?? '';
  return agent.startsWith('pnpm/') ? 'pnpm' : agent.startsWith('yarn/') ? 'yarn' : 'npx';
}

const isTruthy = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value !== 'false';
