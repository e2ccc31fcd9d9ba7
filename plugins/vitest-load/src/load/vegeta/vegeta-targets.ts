import type { PreparedRequest } from '../prepared-request.ts';
import { requestSchedule } from '../request-schedule.ts';

/**
 * Targets written when a request's path or body varies: vegeta cycles through a fixed list, so a
 * per-request function is called this many times per load (a warm-up, a round) rather than once
 * per request. A path picking one of 50,000 ids reaches at most this many of them in a load.
 */
export const VARYING_TARGETS = 10_000;

/** One line of vegeta's JSON targets format (`-format=json`): the body is base64, headers are lists. */
export interface VegetaTarget {
  method: string;
  url: string;
  body?: string;
  header?: Record<string, string[]>;
}

/**
 * The fragment that tells which request of the mix a result was: vegeta records each result's URL
 * as written in its target, and an HTTP client never sends the fragment, so the target sees the
 * path it would see from the built-in engine.
 */
const KIND_MARK = '#vitest-load-kind=';

export function kindOfUrl(url: string): number | undefined {
  const at = url.lastIndexOf(KIND_MARK);
  if (at < 0) return undefined;
  const kind = Number(url.slice(at + KIND_MARK.length));
  return Number.isInteger(kind) && kind >= 0 ? kind : undefined;
}

const varies = (request: PreparedRequest): boolean =>
  typeof request.path === 'function' || typeof request.body === 'function';

/**
 * The targets one load cycles through, in the built-in engine's order (each request as often as
 * its weight, shuffled with the same seed): one pass of that schedule when nothing varies, or
 * enough passes for VARYING_TARGETS targets with every per-request function called for each.
 */
export function vegetaTargets(url: string, requests: PreparedRequest[]): VegetaTarget[] {
  const schedule = requestSchedule(requests);
  const count = requests.some(varies) ? Math.max(schedule.length, VARYING_TARGETS) : schedule.length;
  const origin = url.replace(/\/$/, '');
  return Array.from({ length: count }, (_, index) => {
    const kind = schedule[index % schedule.length]!;
    const request = requests[kind]!;
    const path = typeof request.path === 'function' ? request.path() : request.path;
    const body = typeof request.body === 'function' ? request.body() : request.body;
    const header = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, [value]]));
    return {
      method: request.method,
      url: `${origin}${path}${KIND_MARK}${kind}`,
      ...(body === undefined ? {} : { body: Buffer.from(body).toString('base64') }),
      ...(Object.keys(header).length > 0 ? { header } : {}),
    };
  });
}

/** The targets file's text: one JSON target per line. */
export const targetsFileText = (targets: VegetaTarget[]): string =>
  targets.map((target) => JSON.stringify(target)).join('\n') + '\n';
