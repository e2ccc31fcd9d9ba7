import type { ServiceOptions } from './services/index.ts';
import type { ServiceDescription, ServiceName } from './services/service.ts';
import type { ServiceControlAddress } from './services/service-control.ts';
import type { LatencyGateMode } from './verdict/verdict.ts';

/** Run-wide settings, resolved by the plugin in the main process and handed to test workers. */
export interface LoadRunSettings {
  root: string;
  baselineDir: string;
  latencyGate: LatencyGateMode;
  requireBaseline: boolean;
  compareAcrossEnvironments: boolean;
  pinCpus: boolean;
  /** Rounds for every suite, overriding theirs (VITEST_LOAD_ROUNDS): a quick smoke run, say. */
  rounds?: { min: number; max: number };
  /** Same-job A/B: the base revision every result is judged against instead of its stored baseline. */
  base?: { label: string; commit: string; root: string };
  /** In watch mode, loads are cut to these (seconds) so that a saved file gets a verdict quickly; undefined in a plain run. */
  watchLoad?: { warmup: number; duration: number };
}

/** What the plugin asks its global setup to start. */
export interface ServiceRequest {
  services: ServiceName[];
  options: ServiceOptions;
}

/** The services the global setup started, for the test workers. */
export interface ProvidedServices {
  env: Record<string, string>;
  descriptions: ServiceDescription[];
  /** Where a fault asks the main process to stop and start a service (process runtime only). */
  control?: ServiceControlAddress;
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
