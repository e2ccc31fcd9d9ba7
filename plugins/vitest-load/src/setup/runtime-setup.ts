import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { removeLeftovers, removeRun, guardRun } from '../targets/container-cleanup.ts';
import { runLabels } from '../targets/container-labels.ts';
import { probeEngine } from '../targets/engine-probe.ts';
import { chooseRuntime } from '../targets/runtime-choice.ts';
import { RUNTIME_KEY, RUNTIME_REQUEST_KEY, type ContainerRun } from '../targets/runtime-context.ts';
import { loadTestcontainers } from '../targets/testcontainers.ts';

/**
 * Vitest global setup added by the plugin, before the services' one: decides the runtime of the
 * run and says which in one line. On containers it first removes what crashed runs left, then
 * creates the run's network, labelled like every container of the run, and a guard that removes
 * them all if Vitest dies (Ctrl-C, SIGTERM, a crash); the teardown removes them all otherwise.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const request = project.getProvidedContext()[RUNTIME_REQUEST_KEY];
  const probe = request.mode === 'process' ? undefined : await probeEngine();
  const choice = chooseRuntime(request.mode, request.modeSource, probe);
  console.log(choice.line);
  if (choice.name === 'process') {
    project.provide(RUNTIME_KEY, { name: 'process', runtimes: choice.runtimes, line: choice.line });
    return undefined;
  }

  const leftovers = await removeLeftovers();
  if (leftovers.containers + leftovers.networks > 0) {
    console.log(
      `vitest-load: removed ${leftovers.containers} container(s) and ${leftovers.networks} network(s) left by an earlier run that did not finish`,
    );
  }
  const runId = randomUUID();
  const guard = guardRun(runId);
  const { getContainerRuntimeClient } = await loadTestcontainers();
  const client = await getContainerRuntimeClient();
  const network = `vitest-load-${runId.slice(0, 8)}`;
  await client.network.create({
    Name: network,
    Driver: 'bridge',
    CheckDuplicate: true,
    Labels: runLabels(runId, process.pid),
  });
  const run: ContainerRun = {
    runId,
    ownerPid: process.pid,
    network,
    images: request.images,
    limits: request.limits,
    serviceEnv: {},
  };
  project.provide(RUNTIME_KEY, { name: 'container', runtimes: choice.runtimes, line: choice.line, container: run });

  return async () => {
    await removeRun(runId);
    guard.release();
  };
}
