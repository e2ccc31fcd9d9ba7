import { cpus, platform, release } from 'node:os';
import type { CpuPinning } from '../targets/cpu-pinning.ts';
import type { RuntimeRecord } from '../targets/start-target.ts';
import type { ServiceDescription } from '../targets/service.ts';

/** What a measurement depends on besides the code: two results compare only when these match. */
export interface MeasurementEnvironment {
  cpuModel: string;
  cores: number;
  os: string;
  /** The runtime Vitest runs on: `v20.20.2` for Node, `deno 2.9.6 (node API v26.3.0)` for Deno. */
  node: string;
  runtime: 'process' | 'container';
  /** On the container runtime: the images and the CPU and memory limits of each container. */
  containers?: { images: Record<string, string>; cpus?: number; memoryMb?: number };
  pinned: boolean;
  /** The services the target used: their versions and settings change the figures too. */
  services?: Record<string, Omit<ServiceDescription, 'name'>>;
}

/**
 * The JavaScript runtime this process (Vitest's, which sends the load) runs on: Node's version, or
 * Deno's or Bun's with the Node API version they imitate, since a Deno run reports a Node version
 * it is not (process.version is v26.x under Deno 2.9).
 */
export function loadRuntimeVersion(
  versions: { node: string; bun?: string | undefined; deno?: string | undefined } = {
    node: process.version,
    bun: process.versions['bun'],
    deno: (globalThis as { Deno?: { version: { deno: string } } }).Deno?.version.deno,
  },
): string {
  if (versions.deno) return `deno ${versions.deno} (node API ${versions.node})`;
  if (versions.bun) return `bun ${versions.bun} (node API ${versions.node})`;
  return versions.node;
}

export function describeEnvironment(
  pinning: CpuPinning,
  services: ServiceDescription[] = [],
  runtime: RuntimeRecord = { runtime: 'process' },
): MeasurementEnvironment {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    os: `${platform()} ${release()}`,
    node: loadRuntimeVersion(),
    runtime: runtime.runtime,
    ...(runtime.containers ? { containers: runtime.containers } : {}),
    pinned: pinning.pinned,
    ...(services.length === 0
      ? {}
      : { services: Object.fromEntries(services.map(({ name, ...rest }) => [name, rest])) }),
  };
}

/** Names the fields in which two environments differ. */
export function environmentDifferences(a: MeasurementEnvironment, b: MeasurementEnvironment): string[] {
  const fields: Array<keyof MeasurementEnvironment> = ['cpuModel', 'cores', 'node', 'runtime', 'pinned'];
  const differences = fields
    .filter((field) => a[field] !== b[field])
    .map((field) => `${field}: ${String(b[field])} → ${String(a[field])}`);
  if (JSON.stringify(a.containers ?? null) !== JSON.stringify(b.containers ?? null) && a.runtime === b.runtime) {
    differences.push(`containers: ${JSON.stringify(b.containers ?? null)} → ${JSON.stringify(a.containers ?? null)}`);
  }
  const names = new Set([...Object.keys(a.services ?? {}), ...Object.keys(b.services ?? {})]);
  for (const name of [...names].sort()) {
    const now = a.services?.[name];
    const before = b.services?.[name];
    if (!now || !before) differences.push(`${name}: ${before ? 'used' : 'not used'} → ${now ? 'used' : 'not used'}`);
    else if (now.version !== before.version) differences.push(`${name} version: ${before.version} → ${now.version}`);
    else if (JSON.stringify(now.settings) !== JSON.stringify(before.settings))
      differences.push(`${name} settings: ${JSON.stringify(before.settings)} → ${JSON.stringify(now.settings)}`);
  }
  return differences;
}
