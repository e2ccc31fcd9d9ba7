import type { LatencyGateMode } from './verdict/verdict.ts';

/** Run-wide settings, resolved by the plugin in the main process and handed to test workers. */
export interface LoadRunSettings {
  root: string;
  baselineDir: string;
  latencyGate: LatencyGateMode;
  requireBaseline: boolean;
  compareAcrossEnvironments: boolean;
  pinCpus: boolean;
}

export const SETTINGS_KEY = 'vitestLoad';

declare module 'vitest' {
  export interface ProvidedContext {
    vitestLoad: LoadRunSettings;
  }
}
