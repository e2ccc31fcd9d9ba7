// Scenarios 14-16: which users a variant reads, and what Redis should therefore have counted.
// Each path function counts the reads it hands out and predicts, read by read, whether the cache
// holds that user (a warm one, or one an earlier read of this load has cached), so that the
// check after the load compares Redis's own counters with an exact expectation, not a hope.
import type { AfterLoadContext } from 'vitest-load';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import type { KeyspaceStats } from '../../fixtures/redis-stats.ts';

/** The reads one variant handed out since its last reset. */
export class ReadLog {
  /** Paths handed out; the load generator may build one more per connection than it sends. */
  generated = 0;
  /** Of those, reads the cache should answer: warm users and users already read (and so cached). */
  predictedHits = 0;
  private cached = new Uint8Array(SEEDED_USERS + 1);

  constructor(private readonly isWarm: (id: number) => boolean = () => false) {}

  /** Call in beforeLoad, when the cache has just been emptied (and warmed). */
  reset(): void {
    this.generated = 0;
    this.predictedHits = 0;
    this.cached.fill(0);
  }

  /** Counts a read of user `id` through the cache-aside route, and returns the id. */
  read(id: number): number {
    this.generated++;
    if (this.isWarm(id) || this.cached[id] === 1) this.predictedHits++;
    // A miss caches the user; an unanswered last read may not have, hence the slack in checks.
    else this.cached[id] = 1;
    return id;
  }
}

/** Requests the target answered in the warm-up and the measured load (both read the cache). */
export function answered({ result, warmup }: AfterLoadContext): number {
  return result.requests + (warmup?.requests ?? 0);
}

export const describeStats = ({ hits, misses }: KeyspaceStats): string =>
  `Redis counted ${hits} hits and ${misses} misses`;

/**
 * Every answered request read the cache exactly once, and no more were read than were handed
 * out: Redis's reads lie between the two (requests cut off when the load stopped may or may not
 * have reached it).
 */
export function checkReadCount(stats: KeyspaceStats, context: AfterLoadContext, log: ReadLog): void {
  const reads = stats.hits + stats.misses;
  const low = answered(context);
  if (reads < low || reads > log.generated) {
    throw new Error(
      `${context.variant}: ${describeStats(stats)} (${reads} reads), but ${low} requests were answered and ${log.generated} sent: each request must read the cache once`,
    );
  }
}
