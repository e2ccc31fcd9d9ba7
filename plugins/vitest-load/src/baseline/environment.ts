import { cpus, platform, release } from 'node:os';
import type { CpuPinning } from '../targets/cpu-pinning.ts';
import type { RuntimeRecord } from '../targets/start-target.ts';
import type { ServiceDescription } from '../targets/service.ts';

/** What a measurement depends on besides the code: two results compare only when these match. */
export interface MeasurementEnvironment {
  cpuModel: string;
  cores: number;
  os: string;
  node: string;
  runtime: 'process' | 'container';
  /** On the container runtime: the images and the CPU and memory limits of each container. */
  containers?: { images: Record<string, string>; cpus?: number; memoryMb?: number };
  pinned: boolean;
  /** The services the target used: their versions and settings change the figures too. */
  services?: Record<string, Omit<ServiceDescription, 'name'>>;
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
    node: process.version,
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
