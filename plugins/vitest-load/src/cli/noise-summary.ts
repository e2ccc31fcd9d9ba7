import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { DETECTION_POWER } from '../verdict/detectable-change.ts';

/** What the noise probe reads of one A/A result in results.json. */
export interface AaResult {
  scenario: string;
  target: string;
  /** Per-round figures of the head side (the base side's are in the verdict's interval). */
  change?: {
    interval?: { estimate: number; low: number; high: number; freedom: number; confidence: number; headRounds: number };
    rule: { noiseFloor: number };
  };
  cpuChange?: AaResult['change'];
}

export interface NoiseRow {
  scenario: string;
  target: string;
  figure: 'p95' | 'CPU/request';
  rounds: number;
  /** Standard deviation of one round pair's log ratio: this machine's noise for the figure. */
  spread: number;
  /** A/A change measured, which should be near zero. */
  estimate: number;
  /** The smallest change detectable at 80% with 3, 5, 10 and 20 rounds at this spread. */
  detectable: Record<number, number>;
}

export const PROBED_ROUNDS = [3, 5, 10, 20] as const;

/**
 * From the A/A interval of each figure, the spread of one round pair, and from it the smallest
 * change the gate's rule could see with more or fewer rounds: floor + (t(conf) + t(power)) ·
 * spread / √n, on logarithms, as `detectableChange` computes for a real run.
 */
export function noiseRows(results: AaResult[]): NoiseRow[] {
  return results.flatMap((result) =>
    (
      [
        ['p95', result.change],
        ['CPU/request', result.cpuChange],
      ] as const
    ).flatMap(([figure, change]) => {
      const interval = change?.interval;
      if (!change || !interval) return [];
      const halfWidth = (Math.log1p(interval.high) - Math.log1p(interval.low)) / 2;
      const tConfidence = tQuantile(1 - (1 - interval.confidence) / 2, interval.freedom);
      const spread = (halfWidth / tConfidence) * Math.sqrt(interval.headRounds);
      const detectable = Object.fromEntries(
        PROBED_ROUNDS.map((rounds) => {
          const t = tQuantile(1 - (1 - interval.confidence) / 2, rounds - 1) + tQuantile(DETECTION_POWER, rounds - 1);
          return [rounds, Math.expm1(Math.log1p(change.rule.noiseFloor) + (t * spread) / Math.sqrt(rounds))];
        }),
      );
      return [
        {
          scenario: result.scenario,
          target: result.target,
          figure,
          rounds: interval.headRounds,
          spread,
          estimate: interval.estimate,
          detectable,
        },
      ];
    }),
  );
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

export function formatNoiseTable(rows: NoiseRow[]): string {
  const header = [
    'scenario',
    'target',
    'figure',
    'rounds',
    'A/A change',
    'spread/round',
    ...PROBED_ROUNDS.map((rounds) => `detect @${rounds}`),
  ];
  const lines = rows.map((row) => [
    row.scenario,
    row.target,
    row.figure,
    String(row.rounds),
    percent(row.estimate),
    percent(row.spread),
    ...PROBED_ROUNDS.map((rounds) => `≥ ${percent(row.detectable[rounds]!)}`),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const show = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [show(header), show(widths.map((width) => '-'.repeat(width))), ...lines.map(show)].join('\n');
}
