import type { ProcessDiedError } from './process-died-error.ts';

export type ServiceName = 'postgres' | 'redis';

/** What a result records of a service: what it was and how it was set up. */
export interface ServiceDescription {
  name: ServiceName;
  /** `embedded` when the plugin started it, `external` when the user gave its URL. */
  origin: 'embedded' | 'external';
  version: string;
  settings: Record<string, string>;
}

/** A service available to targets for a run. */
export interface RunningService {
  description: ServiceDescription;
  /** Environment variables that point an implementation at it (DATABASE_URL, REDIS_URL). */
  env: Record<string, string>;
  /** Resolves if a service the plugin started dies while in use. */
  died: Promise<ProcessDiedError>;
  stop(): Promise<void>;
  /** Stops the server for a fault, keeping its port and data; only for servers the plugin started. */
  pause?(): Promise<void>;
  /** Starts it again after `pause`, resolving once it answers. */
  resume?(): Promise<void>;
}

/** Where a fault asks the main process to stop and start a service: a port on loopback and a token. */
export interface ServiceControlAddress {
  port: number;
  token: string;
}

/** A service of the run that could not start, and why (with the way to get it), for the targets that use it. */
export interface UnavailableService {
  name: ServiceName;
  reason: string;
}

/** The services the global setup started, for the test workers. */
export interface ProvidedServices {
  env: Record<string, string>;
  descriptions: ServiceDescription[];
  /** Services that could not start: the targets that use them fail, the others run. */
  unavailable?: UnavailableService[];
  /** Where a fault asks the main process to stop and start a service (process runtime only). */
  control?: ServiceControlAddress;
}

export const never = new Promise<never>(() => {});
