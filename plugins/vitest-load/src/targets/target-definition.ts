import type { ServiceName } from './service.ts';

/** A command run before a start when one of its inputs is newer than its outputs (a build, a `pnpm deploy`). */
export interface BuildStep {
  command: string;
  args: string[];
  inputs: string[];
  outputs: string[];
}

/**
 * How a target or sidecar runs on the container runtime: the Docker build that makes its image
 * (Testcontainers builds it before each start; Docker's layer cache makes an unchanged build
 * quick) and the port it serves on inside the container.
 */
export interface ContainerDefinition {
  /** The build context, relative to the target's cwd. */
  context: string;
  /** The Dockerfile, relative to the context. It gets the NODE_IMAGE build argument. */
  dockerfile: string;
  buildArgs: Record<string, string>;
  /** The port it listens on inside the container (it finds it in PORT, with HOST=0.0.0.0). */
  port: number;
  /** Fills the context when an input is newer than the outputs, as `build` does. */
  prepare?: BuildStep;
}

/** What the process runtime needs of a target or a sidecar. */
export interface ProcessDefinition {
  /** Names results and baseline entries. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
  healthPath: string;
  /** Seconds. */
  startupTimeout: number;
  /** Seconds between SIGTERM and SIGKILL. */
  stopGracePeriod: number;
  container?: ContainerDefinition;
}

/** A helper server started before the target, such as a stub of a slow third-party API. */
export interface SidecarDefinition extends ProcessDefinition {
  /** The environment variable that gives the target this sidecar's base URL. */
  urlEnv: string;
}

/** A server under test: how it is built and started, the services and sidecars it needs. */
export interface TargetDefinition extends ProcessDefinition {
  services: ServiceName[];
  sidecars: SidecarDefinition[];
  build?: BuildStep;
}
