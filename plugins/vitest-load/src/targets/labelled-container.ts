import type { Readable } from 'node:stream';
import type { StartedTestContainer, WaitStrategy } from 'testcontainers';
import { runLabels } from './container-labels.ts';
import { OutputTail } from './output-tail.ts';
import { ProcessDiedError, type ExitStatus } from './process-died-error.ts';
import type { ContainerRun } from './runtime-context.ts';
import { loadTestcontainers } from './testcontainers.ts';

export interface ContainerSpec {
  role: ProcessDiedError['role'];
  /** Names it in errors and in its container name. */
  name: string;
  image: string;
  env: Record<string, string>;
  /** Replaces the image's command when given. */
  command?: string[];
  /** The port it serves on inside the network, published on a free port of 127.0.0.1. */
  port: number;
  /** Names by which the others reach it in the run's network. */
  aliases: string[];
  run: ContainerRun;
  /** Cores it may run on (Docker's --cpuset-cpus), as the process runtime pins targets. */
  cpuset?: string;
  /** Seconds between SIGTERM (or the image's stop signal) and SIGKILL when stopping. */
  stopGracePeriod: number;
  sharedMemoryMb?: number;
}

/** A container of a run, reachable at 127.0.0.1:`hostPort` until `stop()`. */
export interface RunningContainer {
  id: string;
  hostPort: number;
  /** The container's main process as the host sees it, for the resource sampler. */
  hostPid: number;
  /** Resolves with the error to report if it stops before `stop()`; never otherwise. */
  died: Promise<ProcessDiedError>;
  /** Resolves once it has stopped, for whatever reason. */
  exited: Promise<ExitStatus>;
  outputTail(): string;
  stop(): Promise<void>;
}

/** Started once it runs: readiness is checked by the caller, as for processes, so that a death while starting is seen at once. */
const startedIsEnough: WaitStrategy = {
  waitUntilReady: async () => {},
  withStartupTimeout() {
    return this;
  },
  isStartupTimeoutSet: () => false,
  getStartupTimeout: () => 60_000,
};

/**
 * Starts a container of the run: labelled with the run's id (the cleanup finds it by that),
 * in the run's network under its aliases, with the run's CPU and memory limits, its port
 * published on loopback, and its output kept for the error that reports its death.
 */
export async function startLabelledContainer(spec: ContainerSpec): Promise<RunningContainer> {
  const { GenericContainer, getContainerRuntimeClient } = await loadTestcontainers();

  class LimitedContainer extends GenericContainer {
    withCpuset(cpus: string): this {
      this.hostConfig.CpusetCpus = cpus;
      return this;
    }

    /** Publishes the ports on 127.0.0.1 only, where the load generator sends its load: never on the machine's other addresses. */
    publishedOnLoopback(): this {
      for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}) as Array<Array<{ HostIp?: string }>>) {
        for (const binding of bindings) binding.HostIp = '127.0.0.1';
      }
      return this;
    }
  }

  const output = new OutputTail(null, 30);
  let container = new LimitedContainer(spec.image)
    .withName(`vitest-load-${spec.run.runId.slice(0, 8)}-${spec.name}-${Math.random().toString(36).slice(2, 8)}`)
    .withLabels(runLabels(spec.run.runId, spec.run.ownerPid))
    .withEnvironment(spec.env)
    .withExposedPorts(spec.port)
    .publishedOnLoopback()
    .withNetworkMode(spec.run.network)
    .withNetworkAliases(...spec.aliases)
    .withWaitStrategy(startedIsEnough)
    .withLogConsumer((stream: Readable) => {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => output.append(chunk));
      stream.on('error', () => {});
    });
  if (spec.command) container = container.withCommand(spec.command);
  if (spec.cpuset) container = container.withCpuset(spec.cpuset);
  if (spec.run.limits.cpus !== undefined || spec.run.limits.memoryMb !== undefined) {
    container = container.withResourcesQuota({
      ...(spec.run.limits.cpus === undefined ? {} : { cpu: spec.run.limits.cpus }),
      ...(spec.run.limits.memoryMb === undefined ? {} : { memory: spec.run.limits.memoryMb / 1024 }),
    });
  }
  if (spec.sharedMemoryMb) container = container.withSharedMemorySize(spec.sharedMemoryMb * 1024 * 1024);

  let started: StartedTestContainer;
  try {
    started = await container.start();
  } catch (error) {
    throw new Error(
      `${spec.role} "${spec.name}": the container of image ${spec.image} could not be started: ${(error as Error).message}`,
    );
  }
  const client = await getContainerRuntimeClient();
  const handle = client.container.dockerode.getContainer(started.getId());
  const exited: Promise<ExitStatus> = handle.wait().then(
    (result: { StatusCode?: number }) => ({ code: result.StatusCode ?? null, signal: null }),
    () => ({ code: null, signal: null }),
  );
  let stopping = false;
  const died = new Promise<ProcessDiedError>((resolveDied) => {
    void exited.then((exit) => {
      // Let the last lines of its output arrive first.
      setTimeout(() => {
        if (!stopping)
          resolveDied(new ProcessDiedError(spec.role, spec.name, exit, output.text(), 'while it was under test'));
      }, 200).unref();
    });
  });
  const inspection = await handle.inspect();
  let stopped: Promise<void> | undefined;
  return {
    id: started.getId(),
    hostPort: started.getMappedPort(spec.port),
    hostPid: inspection.State.Pid,
    died,
    exited,
    outputTail: () => output.text(),
    stop: () => {
      stopping = true;
      stopped ??= started
        .stop({ timeout: spec.stopGracePeriod * 1000, remove: true, removeVolumes: true })
        .then(() => undefined)
        .catch(async () => {
          // Already stopped (it died): remove what is left.
          await handle.remove({ force: true, v: true }).catch(() => undefined);
        });
      return stopped;
    },
  };
}
