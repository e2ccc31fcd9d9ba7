import { defineTarget, type LoadTarget } from 'vitest-load';
import { targetsServing } from '../targets.ts';

/**
 * The lab's implementations with settings of a resilience suite added to their environment
 * (UPSTREAM_TIMEOUT_MS, DATABASE_POOL_SIZE, ...). `suffix` names them apart when one suite
 * starts the same implementation with several settings (`express-pool-5`).
 */
export function implementationsWith(env: Record<string, string>, suffix = ''): LoadTarget[] {
  return targetsServing('flash').map((target) =>
    defineTarget({ ...target, name: `${target.name}${suffix}`, env: { ...target.env, ...env } }),
  );
}

/** The count of responses with one of `statuses` in a result's status codes. */
export function countOf(statusCodes: Record<string, number>, ...statuses: number[]): number {
  return statuses.reduce((sum, status) => sum + (statusCodes[String(status)] ?? 0), 0);
}
