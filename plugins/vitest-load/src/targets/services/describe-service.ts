import type { ServiceDescription, UnavailableService } from '../service.ts';

const LABELS: Record<ServiceDescription['name'], string> = { postgres: 'PostgreSQL', redis: 'Redis' };

/** One line per service for the start of a run: what runs, where it came from, how it is set. */
export function describeService(service: ServiceDescription, url: string | undefined): string {
  const settings = Object.entries(service.settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const where = url ? ` at ${redactPassword(url)}` : '';
  return `vitest-load: ${LABELS[service.name]} ${service.version} (${service.origin === 'embedded' ? 'started by vitest-load' : 'yours'})${where}; ${settings}`;
}

/** One line for a service that could not start: why, and that only the targets using it fail. */
export function describeUnavailableService(service: UnavailableService): string {
  return `vitest-load: ${LABELS[service.name]} could not start, so the targets that use it will fail (the others run): ${service.reason}`;
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
