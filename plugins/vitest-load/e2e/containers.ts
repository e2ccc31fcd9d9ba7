import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { probeEngine } from '../src/targets/engine-probe.ts';
import { RUN_LABEL } from '../src/targets/container-labels.ts';

const execFileAsync = promisify(execFile);

/** Whether a container engine answers here, and why not when it does not: asked once per test file. */
export const engine = await probeEngine(5000);

/** The reason to skip a container test, or undefined when an engine answers. */
export const noEngine = engine.answers
  ? undefined
  : `no container engine answered (${engine.reason}); start one with scripts/containers/setup.sh`;
if (noEngine) console.log(`vitest-load container runtime tests: skipped: ${noEngine}`);

/** Containers and networks carrying vitest-load's run label, as `docker ps -a` would list them. */
export async function ourContainers(): Promise<{ containers: string[]; networks: string[] }> {
  const { loadTestcontainers } = await import('../src/targets/testcontainers.ts');
  const { getContainerRuntimeClient } = await loadTestcontainers();
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const filters = { label: [RUN_LABEL] };
  const containers = (await docker.listContainers({ all: true, filters })).map(
    (info) => `${info.Names[0]} (${info.State})`,
  );
  const networks = (await docker.listNetworks({ filters })).map((info) => info.Name);
  return { containers, networks };
}

/** `docker ps -a` itself, for the failure message. */
export async function dockerPs(): Promise<string> {
  return (await execFileAsync('docker', ['ps', '-a']).catch((error: Error) => ({ stdout: error.message }))).stdout;
}
