import type { PreparedRequest } from './prepared-request.ts';

/**
 * The order in which every connection sends the requests of a mix: each request appears as
 * often as its weight, shuffled with a fixed seed so that a mix looks like real traffic
 * rather than runs of one kind, and is the same in every run.
 */
export function requestSchedule(requests: Pick<PreparedRequest, 'weight'>[], seed = 1): number[] {
  const schedule = requests.flatMap((request, index) => Array.from({ length: request.weight }, () => index));
  const random = mulberry32(seed);
  for (let i = schedule.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [schedule[i], schedule[j]] = [schedule[j]!, schedule[i]!];
  }
  return schedule;
}

/** A small seeded generator (Math.random cannot be seeded); the lab keeps its own copy, as the plugin depends on nothing of the lab. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
