import { setTimeout as sleep } from 'node:timers/promises';
import type { RuntimeName } from '../targets/runtime-context.ts';
import { connectServiceControl, type ServiceControlClient } from '../targets/services/service-control-client.ts';
import type { ProvidedServices } from '../targets/service.ts';
import type { FaultDefinition, LoadHookContext } from './hooks.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';

/** Where a running load's faults report when each really began and ended. */
export interface FaultClock {
  faultStarted(index: number): void;
  faultEnded(index: number): void;
}

export interface FaultRun {
  /** Resolves once every fault has ended (or was never begun); never rejects. */
  finished: Promise<void>;
  /** Ends the faults under way at once (the load stopped early) and waits for that. */
  cancel(): Promise<void>;
  /** What went wrong in a fault's start or end, one line each. */
  failures: string[];
}

/**
 * Refuses, before any load, faults this run cannot carry out: a service fault needs the
 * service to be the target's, started by vitest-load as a process (the control channel of the
 * services' global setup); the container runtime and a server of your own are refused.
 */
export function checkFaultsCanRun(
  faults: FaultDefinition[],
  target: TargetDefinition,
  runtime: RuntimeName,
  services: ProvidedServices,
): void {
  faults.forEach((fault, index) => {
    if (fault.kind !== 'service') return;
    const option = `faults[${index}].service`;
    if (!target.services.includes(fault.service)) {
      throw new Error(
        `option "${option}": target "${target.name}" does not use "${fault.service}" (its services: ${target.services.join(', ') || 'none'}); a fault stops a service the target uses`,
      );
    }
    if (runtime !== 'process') {
      throw new Error(
        `option "${option}": stopping "${fault.service}" needs the process runtime; on the container runtime vitest-load does not stop services (run with VITEST_LOAD_RUNTIME=process, or use a fault of your own with start/end hooks)`,
      );
    }
    if (!services.control) {
      throw new Error(
        `option "${option}": this run cannot stop "${fault.service}": its services were not started by vitest-load as processes (see docs/faults.md)`,
      );
    }
  });
}

/**
 * Runs a measured load's faults on its clock: each begins `at` seconds after the load began
 * (its `start` hook, or the service stopped) and ends `at + duration` seconds after it (its
 * `end` hook, or the service started again and answering). A fault whose start failed is still
 * ended, to undo what part of it happened. `cancel` ends the faults under way at once.
 */
export function runFaults(
  faults: FaultDefinition[],
  context: LoadHookContext,
  services: ProvidedServices,
  clock: FaultClock,
  log: (line: string) => void = () => {},
): FaultRun {
  const originMs = performance.now();
  const abort = new AbortController();
  const failures: string[] = [];
  let control: Promise<ServiceControlClient> | undefined;
  const controlClient = (): Promise<ServiceControlClient> => (control ??= connectServiceControl(services.control!));
  const untilMs = async (offsetMs: number): Promise<void> => {
    const waitMs = originMs + offsetMs - performance.now();
    if (waitMs > 0) await sleep(waitMs, undefined, { signal: abort.signal }).catch(() => undefined);
  };
  const begin = async (fault: FaultDefinition): Promise<void> => {
    if (fault.kind === 'service') await (await controlClient()).stop(fault.service);
    else await fault.start(context);
  };
  const end = async (fault: FaultDefinition): Promise<void> => {
    if (fault.kind === 'service') await (await controlClient()).start(fault.service);
    else await fault.end(context);
  };
  const one = async (fault: FaultDefinition, index: number): Promise<void> => {
    await untilMs(fault.at * 1000);
    if (abort.signal.aborted) return;
    clock.faultStarted(index);
    log(`fault "${fault.name}" began ${((performance.now() - originMs) / 1000).toFixed(2)} s into the load`);
    try {
      await begin(fault);
    } catch (error) {
      failures.push(`fault "${fault.name}" could not start: ${(error as Error).message}`);
    }
    await untilMs((fault.at + fault.duration) * 1000);
    try {
      await end(fault);
    } catch (error) {
      failures.push(`fault "${fault.name}" could not end: ${(error as Error).message}`);
    } finally {
      clock.faultEnded(index);
      log(`fault "${fault.name}" ended ${((performance.now() - originMs) / 1000).toFixed(2)} s into the load`);
    }
  };
  // Faults run one after the other (the options refuse overlaps), so one chain keeps their order.
  const finished = faults
    .reduce<Promise<void>>((previous, fault, index) => previous.then(() => one(fault, index)), Promise.resolve())
    .finally(async () => {
      // Closing the channel also makes the main process start again anything still stopped.
      if (control) (await control.catch(() => undefined))?.close();
    });
  return {
    finished,
    failures,
    cancel: async () => {
      abort.abort();
      await finished;
    },
  };
}
