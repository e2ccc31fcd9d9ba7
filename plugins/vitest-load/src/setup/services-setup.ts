import type { TestProject } from 'vitest/node';
import { startServicesOnContainerRuntime } from '../targets/services/container-services.ts';
import { RUNTIME_KEY } from '../targets/runtime-context.ts';
import { SERVICES_KEY, SERVICE_REQUEST_KEY } from '../run/settings.ts';
import { describeService, describeUnavailableService } from '../targets/services/describe-service.ts';
import { startAvailableServices } from '../targets/services/index.ts';
import { openServiceControl } from '../targets/services/service-control.ts';

/**
 * Vitest global setup added by the plugin: starts the project's services once per Vitest
 * process, so that watch-mode re-runs reuse them, and stops them when Vitest closes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const request = project.getProvidedContext()[SERVICE_REQUEST_KEY];
  // On the container runtime they are containers in the run's network, which then learns their URLs.
  const runtime = project.getProvidedContext()[RUNTIME_KEY];
  const set = runtime?.container
    ? await startServicesOnContainerRuntime(
        request,
        runtime.container,
        (run) => project.provide(RUNTIME_KEY, { ...runtime, container: run }),
        runtime.runtimes.includes('process'),
      )
    : await startAvailableServices(request.services, process.env, request.options);
  for (const service of set.services) {
    const url = Object.values(service.env)[0];
    console.log(describeService(service.description, url));
    void service.died.then((error) => console.error(`vitest-load: ${error.message}`));
  }
  // Recorded, not thrown: Vitest would stop every suite (with a misleading "No test files found"),
  // where only the targets that use the service need to fail.
  const unavailable = set.unavailable ?? [];
  for (const service of unavailable) console.error(describeUnavailableService(service));
  // Faults stop and start the services the plugin started as processes; containers are not offered it (docs/faults.md).
  const control =
    runtime?.container || set.services.length === 0
      ? undefined
      : await openServiceControl(new Map(set.services.map((service) => [service.description.name, service])));
  project.provide(SERVICES_KEY, {
    env: set.env,
    descriptions: set.descriptions,
    ...(unavailable.length ? { unavailable } : {}),
    ...(control ? { control: control.address } : {}),
  });
  return async () => {
    // First the channel (no restart may begin after this), then the services.
    await control?.close();
    await set.stop();
  };
}
