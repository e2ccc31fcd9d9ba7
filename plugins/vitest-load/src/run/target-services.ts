import type { ServiceDescription } from '../targets/service.ts';
import type { ProvidedServices } from '../targets/service.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';

const ENV_OF: Record<ServiceDescription['name'], string> = { postgres: 'DATABASE_URL', redis: 'REDIS_URL' };

/** The services a target declares: their URLs for its environment, their descriptions, and the run's services. */
export interface TargetServices {
  env: Record<string, string>;
  descriptions: ServiceDescription[];
  provided: ProvidedServices;
}

/** The service URLs and descriptions of the services a target declares. */
export function servicesFor(target: TargetDefinition, provided: ProvidedServices): TargetServices {
  const env: Record<string, string> = {};
  const descriptions: ServiceDescription[] = [];
  for (const name of target.services) {
    const variable = ENV_OF[name];
    const unavailable = provided.unavailable?.find((service) => service.name === name);
    if (unavailable) {
      throw new Error(
        `Target "${target.name}" uses the service "${name}", which could not start: ${unavailable.reason}`,
      );
    }
    const description = provided.descriptions.find((service) => service.name === name);
    const value = provided.env[variable];
    if (!description || value === undefined) {
      throw new Error(
        `Target "${target.name}" uses the service "${name}", but the project does not start it: ` +
          `add it to the plugin's options in vitest.config.ts, e.g. vitestLoad({ services: ['${name}'] }).`,
      );
    }
    env[variable] = value;
    descriptions.push(description);
  }
  return { env, descriptions, provided };
}
