import type { ServiceDescription } from '../service.ts';

const LABELS: Record<ServiceDescription['name'], string> = { postgres: 'PostgreSQL', redis: 'Redis' };

/** One line per service for the start of a run: what runs, where it came from, how it is set. */
export function describeService(service: ServiceDescription, url: string | undefined): string {
  const settings = Object.entries(service.settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const where = url ? ` at ${redactPassword(url)}` : '';
  return `vitest-load: ${LABELS[service.name]} ${service.version} (${service.origin === 'embedded' ? 'started by vitest-load' : 'yours'})${where}; ${settings}`;
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
