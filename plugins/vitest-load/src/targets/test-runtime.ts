import { inject } from 'vitest';
import type { ProvidedServices } from './service.ts';
import { RUNTIME_KEY, type ProvidedRuntime, type RuntimeName } from './runtime-context.ts';

/** The runtimes each target runs on in this run: one test per target and runtime. */
export function runtimesOfRun(runtime: ProvidedRuntime | undefined = inject(RUNTIME_KEY)): RuntimeName[] {
  return runtime?.runtimes ?? ['process'];
}

/**
 * What names a target's results on a runtime: its test, its row in the reports and its baseline
 * entry. The process runtime keeps the plain name; a container run is `name (container)`, so
 * that both sit side by side and each has a baseline of its own.
 */
export function targetOnRuntime(targetName: string, runtime: RuntimeName): string {
  return runtime === 'process' ? targetName : `${targetName} (${runtime})`;
}

/** The services as tests on `runtime` reach them from the host. */
export function servicesOnRuntime(
  provided: ProvidedServices,
  runtime: RuntimeName,
  run: ProvidedRuntime | undefined = inject(RUNTIME_KEY),
): ProvidedServices {
  if (runtime === 'container' && run?.container?.services) return run.container.services;
  return provided;
}
