import type { TestProject } from 'vitest/node';
import { SERVICES_KEY, SERVICE_REQUEST_KEY } from '../settings.ts';
import { describeService } from './describe-service.ts';
import { startServices } from './index.ts';

/**
 * Vitest global setup added by the plugin: starts the project's services once per Vitest
 * process, so that watch-mode re-runs reuse them, and stops them when Vitest closes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const request = project.getProvidedContext()[SERVICE_REQUEST_KEY];
  const set = await startServices(request.services, process.env, request.options);
  for (const service of set.services) {
    const url = Object.values(service.env)[0];
    console.log(describeService(service.description, url));
    void service.died.then((error) => console.error(`vitest-load: ${error.message}`));
  }
  project.provide(SERVICES_KEY, { env: set.env, descriptions: set.descriptions });
  return () => set.stop();
}
