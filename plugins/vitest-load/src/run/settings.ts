import type { ProvidedServices } from '../targets/service.ts';
import type { ServiceRequest } from '../targets/services/service-request.ts';
import type { LatencyGateMode } from '../verdict/verdict.ts';
import type { LoadEngine } from '../load/load-engine.ts';

/** Run-wide settings, resolved by the plugin in the main process and handed to test workers. */
export interface LoadRunSettings {
  root: string;
  /** The folder whose layout the baselines mirror (`<suitesDir>/api/users.load.ts` → `<baselineDir>/api/users.json`). */
  suitesDir: string;
  baselineDir: string;
  /** How this project records baselines, for the messages that say so: `vitest run --project <name> -u`. */
  recordCommand: string;
  latencyGate: LatencyGateMode;
  requireBaseline: boolean;
  compareAcrossEnvironments: boolean;
  pinCpus: boolean;
  /** Rounds for every suite, overriding theirs (VITEST_LOAD_ROUNDS): a quick smoke run, say. */
  rounds?: { min: number; max: number };
  /** Same-job A/B: the base revision every result is judged against instead of its stored baseline. */
  base?: { label: string; commit: string; root: string };
  /**
   * Loads cut to these (seconds), one round each: in watch mode, so that a saved file gets a
   * verdict quickly, and in a smoke run (VITEST_LOAD_SMOKE), which checks that suites run and
   * their data and counts hold, not their speed. Undefined in a plain run.
   */
  shortLoad?: { warmup: number; duration: number };
  /** The engine every suite's load runs on this run (VITEST_LOAD_ENGINE), over the suites' own `engine`. */
  engine?: LoadEngine;
  /** Every suite of the run gets a profiled round after its judged ones (VITEST_LOAD_PROFILE=1). */
  profile?: boolean;
}

export const SETTINGS_KEY = 'vitestLoad';
export const SERVICE_REQUEST_KEY = 'vitestLoadServiceRequest';
export const SERVICES_KEY = 'vitestLoadServices';

declare module 'vitest' {
  export interface ProvidedContext {
    vitestLoad: LoadRunSettings;
    vitestLoadServiceRequest: ServiceRequest;
    vitestLoadServices: ProvidedServices;
  }
}
