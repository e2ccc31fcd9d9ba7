import { execFile, execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Which cores the target and the load generator were given, or why they were not pinned. */
export type CpuPinning =
  { pinned: true; targetCpus: string; loadGeneratorCpus: string } | { pinned: false; reason: string };

let tasksetAvailable: boolean | undefined;

function hasTaskset(): boolean {
  if (tasksetAvailable === undefined) {
    try {
      execFileSync('taskset', ['--version'], { stdio: 'ignore' });
      tasksetAvailable = true;
    } catch {
      tasksetAvailable = false;
    }
  }
  return tasksetAvailable;
}

/**
 * Plans a split of the cores: the load generator (this process) on core 0, the target on the
 * others. Sharing cores lets one steal time from the other and made run-to-run spread several
 * times larger on a 2-core machine.
 */
export function planCpuPinning(disabled = false): CpuPinning {
  if (disabled) return { pinned: false, reason: 'disabled by VITEST_LOAD_PIN_CPUS=0' };
  if (process.platform !== 'linux')
    return { pinned: false, reason: `taskset is Linux-only (platform ${process.platform})` };
  // The machine's cores, not this process's affinity: the plugin pins Vitest itself to the
  // load generator's core, and its workers inherit that mask.
  const cores = cpus().length;
  if (cores < 2) return { pinned: false, reason: 'only one core is available' };
  if (!hasTaskset()) return { pinned: false, reason: 'taskset is not on the PATH (Debian: util-linux)' };
  return { pinned: true, loadGeneratorCpus: '0', targetCpus: cores === 2 ? '1' : `1-${cores - 1}` };
}

/** How many cores a taskset list names: "1" is 1, "1-3" is 3, "0,2-3" is 3. */
export function cpuListSize(list: string): number {
  return list.split(',').reduce((total, part) => {
    const [from, to] = part.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from) || (to !== undefined && !Number.isInteger(to)))
      throw new Error(`not a CPU list: "${list}"`);
    return total + (to === undefined ? 1 : to - from + 1);
  }, 0);
}

/**
 * The load is sent from one thread, this process's event loop: it can keep at most one core
 * busy, however many it is allowed (GC threads add a little beside it). A generator on several
 * threads would raise this.
 */
const LOAD_SENDING_THREADS = 1;

/** How many cores the load generator and the target may each use, for their CPU shares. */
export function coresOf(pinning: CpuPinning): { generator: number; target: number } {
  if (!pinning.pinned) return { generator: LOAD_SENDING_THREADS, target: cpus().length };
  return {
    generator: Math.min(cpuListSize(pinning.loadGeneratorCpus), LOAD_SENDING_THREADS),
    target: cpuListSize(pinning.targetCpus),
  };
}

/** Wraps a command so that it starts pinned to the planned target cores. */
export function pinnedCommand(
  pinning: CpuPinning,
  command: string,
  args: string[],
): { command: string; args: string[] } {
  if (!pinning.pinned) return { command, args };
  return { command: 'taskset', args: ['-c', pinning.targetCpus, command, ...args] };
}

/** Sets the affinity of every thread of this process; returns the previous list to restore. */
export async function pinThisProcess(cpuList: string): Promise<string> {
  const { stdout } = await execFileAsync('taskset', ['-c', '-p', String(process.pid)]);
  const previous = stdout.trim().split(':').pop()?.trim() ?? `0-${cpus().length - 1}`;
  await execFileAsync('taskset', ['-a', '-c', '-p', cpuList, String(process.pid)]);
  return previous;
}
