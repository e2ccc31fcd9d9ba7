import type { ManagedProcess } from '../managed-process.ts';
import { unexpectedExit } from '../managed-process.ts';
import type { ProcessDiedError } from '../process-died-error.ts';

/** A service's server process that a fault may stop and start again, at the same port and on the same data. */
export interface RestartableServer {
  /** Resolves if the running process dies without being asked to stop, whichever start it is. */
  died: Promise<ProcessDiedError>;
  /** Stops the process, as asked: not a death. */
  pause(): Promise<void>;
  /** Starts it again, resolving once it answers. */
  resume(): Promise<void>;
  /** Stops it for good; a pause or resume after this does nothing. */
  stop(): Promise<void>;
  readonly paused: boolean;
}

/**
 * Wraps a started server so that a fault can stop it and start it again. Pause, resume and
 * stop run one at a time in the order asked, so a stop at the end of a run (or on Ctrl-C)
 * waits for a restart under way and then stops the new process: nothing is left running.
 */
export function restartable(
  first: ManagedProcess,
  launch: () => Promise<ManagedProcess>,
  waitReady: (server: ManagedProcess) => Promise<void>,
  name: string,
): RestartableServer {
  let server: ManagedProcess | undefined = first;
  let stopped = false;
  let reportDeath: (error: ProcessDiedError) => void = () => {};
  const died = new Promise<ProcessDiedError>((resolve) => (reportDeath = resolve));
  const watch = (child: ManagedProcess): void => {
    void unexpectedExit(child, 'Service', name, 'while the run needed it').then(reportDeath);
  };
  watch(first);
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    died,
    get paused() {
      return server === undefined && !stopped;
    },
    pause: () =>
      inTurn(async () => {
        if (stopped || !server) return;
        const running = server;
        server = undefined;
        await running.stop();
      }),
    resume: () =>
      inTurn(async () => {
        if (stopped || server) return;
        const started = await launch();
        server = started;
        watch(started);
        await waitReady(started);
      }),
    stop: () =>
      inTurn(async () => {
        stopped = true;
        const running = server;
        server = undefined;
        await running?.stop();
      }),
  };
}
