/** The CPU time this process (the load generator) spent over a window of wall-clock time. */
export interface CpuWindow {
  /** Wall-clock seconds the window lasted. */
  seconds: number;
  /** CPU seconds of this process (every thread, user and system) within it. */
  cpuSeconds: number;
}

/**
 * Starts counting this process's CPU time: the load is sent from here, so this is what the
 * generator spent, along with what it does beside sending (recording responses, sampling the
 * target), which it has to do within the same core too. Node's own `process.cpuUsage()`: the
 * kernel's count, no library needed.
 */
export function startCpuWindow(): { stop: () => CpuWindow } {
  const startedAt = performance.now();
  const startedCpu = process.cpuUsage();
  return {
    stop: () => {
      const used = process.cpuUsage(startedCpu);
      return { seconds: (performance.now() - startedAt) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
    },
  };
}

/** Several windows as one: their wall time and CPU time added up (a duet's slices of one side). */
export const addCpuWindows = (windows: CpuWindow[]): CpuWindow => ({
  seconds: windows.reduce((sum, window) => sum + window.seconds, 0),
  cpuSeconds: windows.reduce((sum, window) => sum + window.cpuSeconds, 0),
});
