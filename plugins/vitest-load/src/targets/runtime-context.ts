/** The runtimes a target can run on, and what the global setup hands the test workers about them. */
export type RuntimeName = 'process' | 'container';
/** `both` runs every target on both runtimes, side by side in one run. */
export type RuntimeMode = RuntimeName | 'auto' | 'both';

/** Images the container runtime uses; a target's Dockerfile gets `node` as the NODE_IMAGE build argument. */
export interface ContainerImages {
  node: string;
  postgres: string;
  redis: string;
}

/** Limits each container gets (implementation, sidecar, service); recorded with the results so that two runs compare. */
export interface ContainerLimits {
  cpus?: number;
  memoryMb?: number;
}

/** What the plugin asks its runtime global setup for. */
export interface RuntimeRequest {
  mode: RuntimeMode;
  /** Where the mode came from, for the line that says which runtime a run uses. */
  modeSource: string;
  images: ContainerImages;
  limits: ContainerLimits;
}

/** The container side of a run: its id (a label on everything it starts), its network, its settings. */
export interface ContainerRun {
  runId: string;
  /** The Vitest process that owns the run; a run whose owner is gone crashed. */
  ownerPid: number;
  network: string;
  images: ContainerImages;
  limits: ContainerLimits;
  /** DATABASE_URL, REDIS_URL as an implementation inside the network reaches them. */
  serviceEnv: Record<string, string>;
  /** The same services as the host reaches them (hooks, query insight), with their descriptions. */
  services?: {
    env: Record<string, string>;
    descriptions: import('./service.ts').ServiceDescription[];
    unavailable?: import('./service.ts').UnavailableService[];
  };
}

/** The runtime the run uses, decided once in the main process. */
export interface ProvidedRuntime {
  name: RuntimeName;
  /** The runtimes every target runs on: one, or both side by side. */
  runtimes: RuntimeName[];
  /** One line: which runtime and why. */
  line: string;
  container?: ContainerRun;
}

export const RUNTIME_REQUEST_KEY = 'vitestLoadRuntimeRequest';
export const RUNTIME_KEY = 'vitestLoadRuntime';

declare module 'vitest' {
  export interface ProvidedContext {
    vitestLoadRuntimeRequest: RuntimeRequest;
    vitestLoadRuntime: ProvidedRuntime;
  }
}
