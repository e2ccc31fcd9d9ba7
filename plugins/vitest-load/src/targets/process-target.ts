import { resolve } from 'node:path';
import type { ProcessDefinition } from './target-definition.ts';
import { pinnedCommand, type CpuPinning } from './cpu-pinning.ts';
import { startManagedProcess, unexpectedExit } from './managed-process.ts';
import { describeStderr, ProcessDiedError } from './process-died-error.ts';
import { answers2xx, waitUntilReady } from './wait-until-ready.ts';
import { freeLoopbackPort } from './loopback-port.ts';

/** A target started for a test: reachable at `url` until `stop()`. */
export interface RunningTarget {
  name: string;
  url: string;
  pid: number;
  /** Resolves with the error to fail the test with if the target dies before `stop()`. */
  died: Promise<ProcessDiedError>;
  stop(): Promise<void>;
  /** Its sidecars' base URLs as this process reaches them, by name, with the variable that gave each to the target. */
  sidecars?: Array<{ name: string; urlEnv: string; url: string }>;
}

export interface ProcessTargetContext {
  /** Folder that relative `cwd`s are resolved against (the Vitest root). */
  root: string;
  pinning: CpuPinning;
  /** Environment from the services and sidecars the target uses (DATABASE_URL, UPSTREAM_URL, ...). */
  serviceEnv?: Record<string, string>;
  /** How errors name it. Default: Target. */
  role?: 'Target' | 'Sidecar';
}

const LOOPBACK = '127.0.0.1';

/**
 * Starts a target as a child process in its own process group, with a free port in PORT,
 * and resolves once its health route answers.
 */
export async function startProcessTarget(
  definition: ProcessDefinition,
  context: ProcessTargetContext,
): Promise<RunningTarget> {
  const role = context.role ?? 'Target';
  const port = await freeLoopbackPort(LOOPBACK);
  const url = `http://${LOOPBACK}:${port}`;
  const { command, args } = pinnedCommand(context.pinning, definition.command, definition.args);
  const child = await startManagedProcess({
    command,
    args,
    cwd: resolve(context.root, definition.cwd ?? '.'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ...context.serviceEnv,
      ...definition.env,
      PORT: String(port),
      HOST: LOOPBACK,
    },
    stopGracePeriod: definition.stopGracePeriod,
  });

  // Only a death before stop() is an error; the caller races this against the test's work.
  const died = unexpectedExit(child, role, definition.name, 'while it was under test');

  const health = await waitUntilReady(
    () => answers2xx(`${url}${definition.healthPath}`),
    definition.startupTimeout,
    child.exited,
  );
  if (health !== 'ready') {
    await child.stop();
    if (health === 'exited')
      throw new ProcessDiedError(
        role,
        definition.name,
        await child.exited,
        child.stderrTail(),
        'before its health route answered',
      );
    throw new Error(
      `${role} "${definition.name}" did not answer ${definition.healthPath} with a 2xx within ${definition.startupTimeout} s ` +
        `(started as: ${[definition.command, ...definition.args].join(' ')}).\n${describeStderr(child.stderrTail())}`,
    );
  }
  return { name: definition.name, url, pid: child.pid, died, stop: child.stop };
}
