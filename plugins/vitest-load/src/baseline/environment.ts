import { cpus, platform, release } from 'node:os';
import type { CpuPinning } from '../runtime/cpu-pinning.ts';

/** What a measurement depends on besides the code: two results compare only when these match. */
export interface MeasurementEnvironment {
  cpuModel: string;
  cores: number;
  os: string;
  node: string;
  runtime: 'process';
  pinned: boolean;
}

export function describeEnvironment(pinning: CpuPinning): MeasurementEnvironment {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    os: `${platform()} ${release()}`,
    node: process.version,
    runtime: 'process',
    pinned: pinning.pinned,
  };
}

/** Names the fields in which two environments differ. */
export function environmentDifferences(a: MeasurementEnvironment, b: MeasurementEnvironment): string[] {
  const fields: Array<keyof MeasurementEnvironment> = ['cpuModel', 'cores', 'node', 'runtime', 'pinned'];
  return fields.filter((field) => a[field] !== b[field]).map((field) => `${field}: ${String(b[field])} → ${String(a[field])}`);
}
