import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isLeftover, processAlive, RUN_LABEL } from './container-labels.ts';
import { spawnPipeGuard } from './orphan-guard.ts';
import { loadTestcontainers } from './testcontainers.ts';

type Dockerode = import('testcontainers').ContainerRuntimeClient['container']['dockerode'];

async function dockerode(): Promise<Dockerode> {
  const { getContainerRuntimeClient } = await loadTestcontainers();
  return (await getContainerRuntimeClient()).container.dockerode;
}

/** Removes, by force, every container and then every network labelled with one of `runIds`. */
async function removeRuns(
  docker: Dockerode,
  matches: (labels: Record<string, string>) => boolean,
): Promise<{ containers: number; networks: number }> {
  const containers = (await docker.listContainers({ all: true, filters: { label: [RUN_LABEL] } })).filter((info) =>
    matches(info.Labels ?? {}),
  );
  await Promise.all(
    containers.map((info) =>
      docker
        .getContainer(info.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  const networks = (await docker.listNetworks({ filters: { label: [RUN_LABEL] } })).filter((info) =>
    matches(info.Labels ?? {}),
  );
  await Promise.all(
    networks.map((info) =>
      docker
        .getNetwork(info.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
  return { containers: containers.length, networks: networks.length };
}

/** Removes everything of one run: at its end, after a failure, on a signal. */
export async function removeRun(runId: string): Promise<{ containers: number; networks: number }> {
  return removeRuns(await dockerode(), (labels) => labels[RUN_LABEL] === runId);
}

/** Removes what runs that crashed on this machine left behind (their owner process is gone). */
export async function removeLeftovers(): Promise<{ containers: number; networks: number }> {
  return removeRuns(await dockerode(), (labels) => isLeftover(labels, processAlive));
}

/**
 * The guard's program, plain JavaScript run with `node -e` (so that it needs no build step):
 * argv is [runId, path of testcontainers, label]. It removes the run's containers, then its
 * networks, right away and once more 3 s later.
 */
const GUARD = `
const [runId, testcontainers, label] = process.argv.slice(1);
process.stdin.resume();
process.stdin.on('error', () => {});
process.stdin.once('close', async () => {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const sweep = async () => {
    const { getContainerRuntimeClient } = await import(testcontainers);
    const docker = (await getContainerRuntimeClient()).container.dockerode;
    const filters = { label: [label + '=' + runId] };
    for (const info of await docker.listContainers({ all: true, filters })) await docker.getContainer(info.Id).remove({ force: true, v: true }).catch(() => {});
    for (const info of await docker.listNetworks({ filters })) await docker.getNetwork(info.Id).remove().catch(() => {});
  };
  await sweep().catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await sweep().catch(() => {});
  process.exit(0);
});
`;

/**
 * Removes the run's containers and networks if this process dies without doing it (Ctrl-C,
 * SIGTERM, SIGKILL, a crash): a small Node process waits on a pipe from this one, which the
 * kernel closes however this one ends, as the orphan guard of processes does. It sweeps twice,
 * since a test worker may still start a container just after its parent died.
 */
export function guardRun(runId: string): { release: () => void } {
  const testcontainers = pathToFileURL(createRequire(import.meta.url).resolve('testcontainers')).href;
  return spawnPipeGuard(process.execPath, ['-e', GUARD, runId, testcontainers, RUN_LABEL]);
}
