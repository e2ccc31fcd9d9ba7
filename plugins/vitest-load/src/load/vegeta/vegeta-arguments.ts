/** One steady vegeta attack, in the plugin's terms. */
export interface VegetaAttack {
  targetsFile: string;
  /** Open model: requests per second. Absent: closed model of `connections` workers. */
  rate?: number;
  /** Closed model: the workers (each with its connection); open model: the most connections it may open. */
  connections: number;
  seconds: number;
  timeoutSeconds: number;
  /** Open model: the most requests in flight at once (vegeta's workers), as the built-in engine's bound. */
  maxOutstanding?: number;
}

/** A Go duration with no more digits than it needs: 1.5 → "1.5s". */
const goSeconds = (seconds: number): string => `${Number(seconds.toFixed(6))}s`;

/**
 * Vegeta's `-rate`: whole requests per time unit. A whole rate is per second; a fractional one
 * per 1000 s, which vegeta's constant pacer spaces just as evenly (2.5/s → 2500/1000s).
 */
export function vegetaRate(rate: number): string {
  if (Number.isInteger(rate)) return `${rate}/1s`;
  return `${Math.round(rate * 1000)}/1000s`;
}

/**
 * `vegeta attack`'s arguments. Open model: `-rate=R/1s`, its workers unbounded up to
 * `maxOutstanding` (vegeta adds a worker whenever all are busy, so requests leave on schedule) and
 * at most `connections` connections (a request waiting for one waits within its latency).
 * Closed model: `-rate=0` with exactly `connections` workers, each sending its next request when
 * the last is answered. Always: no redirects followed (a 3xx is recorded as the built-in engine
 * does), no body kept (bytes come from Content-Length), results as a gob stream on stdout.
 */
export function vegetaAttackArguments(attack: VegetaAttack): string[] {
  const model =
    attack.rate === undefined
      ? ['-rate=0', `-workers=${attack.connections}`, `-max-workers=${attack.connections}`]
      : [`-rate=${vegetaRate(attack.rate)}`, `-max-workers=${attack.maxOutstanding ?? 10_000}`];
  return [
    'attack',
    '-format=json',
    `-targets=${attack.targetsFile}`,
    ...model,
    `-max-connections=${attack.connections}`,
    `-duration=${goSeconds(attack.seconds)}`,
    `-timeout=${goSeconds(attack.timeoutSeconds)}`,
    '-redirects=-1',
    '-max-body=0',
    '-http2=false',
  ];
}
