import type { LoadDetails } from '../../measure/load-details.ts';
import { formatMs } from '../../format/format.ts';
import { percentileAxis } from './percentile-scale.ts';
import type { ReportEntry, ScenarioGroup } from './report-model.ts';

/** How the page's script formats a value, on an axis and in a legend. */
export type ValueUnit = 'ms' | 'count' | 'percent' | 'mb' | 'second';

export interface ChartSeries {
  label: string;
  color: string;
  width: number;
  dash?: number[];
  /** Shade the area under the line (a histogram). */
  fill?: boolean;
  /** Mark each point: on a percentile curve the points are the measured percentiles. */
  points?: boolean;
}

/** A chart as plain JSON; the page's script turns it into uPlot options. */
export interface ChartSpec {
  id: string;
  title: string;
  note?: string;
  x: {
    label: string;
    unit: ValueUnit | 'percentile';
    log?: boolean;
    ticks?: Array<{ value: number; label: string }>;
    max?: number;
  };
  y: { label: string; unit: ValueUnit; log?: boolean };
  /** Stepped lines, for a histogram's buckets. */
  steps?: boolean;
  series: ChartSeries[];
  /** uPlot's aligned data: the x values, then one array per series, null where it has no point. */
  data: Array<Array<number | null>>;
}

type DetailedEntry = ReportEntry & { details: LoadDetails };

interface Line {
  series: ChartSeries;
  points: Map<number, number>;
}

/** Lines measured at different x values, on one shared x array as uPlot wants them. */
function align(lines: Line[]): Pick<ChartSpec, 'series' | 'data'> {
  const xs = [...new Set(lines.flatMap((line) => [...line.points.keys()]))].sort((a, b) => a - b);
  return {
    series: lines.map((line) => line.series),
    data: [xs, ...lines.map((line) => xs.map((x) => line.points.get(x) ?? null))],
  };
}

function percentileCurve(id: string, entries: DetailedEntry[], colors: Map<string, string>): ChartSpec {
  const axis = percentileAxis(entries.flatMap((entry) => entry.details.latencyCurve.map((point) => point.percentile)));
  const curves: Line[] = entries.map((entry) => ({
    series: { label: entry.target, color: colors.get(entry.target)!, width: 2, points: true },
    points: new Map(entry.details.latencyCurve.map((point) => [axis.position(point.percentile), point.ms])),
  }));
  const xs = [...new Set(curves.flatMap((curve) => [...curve.points.keys()]))];
  // A dashed level line per target: where its curve crosses it at p95 says how far it moved.
  const baselines: Line[] = entries.flatMap((entry) =>
    entry.baselineP95Ms === undefined
      ? []
      : [
          {
            series: {
              label: `${entry.target} baseline p95 (${formatMs(entry.baselineP95Ms)})`,
              color: colors.get(entry.target)!,
              width: 1.5,
              dash: [6, 4],
            },
            points: new Map(xs.map((x) => [x, entry.baselineP95Ms!])),
          },
        ],
  );
  return {
    id,
    title: 'Latency by percentile',
    note: 'Each step to the right is one more "nine" (p90, p99, p99.9); latency on a log scale. Dashed: the baseline p95.',
    x: { label: 'percentile', unit: 'percentile', ticks: axis.ticks, max: axis.max },
    // Logarithmic: the maximum is often ten times p50 and would flatten everything below it.
    y: { label: 'latency (ms)', unit: 'ms', log: true },
    ...align([...curves, ...baselines]),
  };
}

/**
 * Share of responses per latency bucket, as stepped lines on a log axis. Each target's value at
 * every bucket edge of every target is that of its own bucket holding it, so targets with other
 * bucket edges still draw their own steps.
 */
function histogram(id: string, entries: DetailedEntry[], colors: Map<string, string>): ChartSpec {
  const edges = [
    ...new Set(
      entries.flatMap((entry) => entry.details.latencyHistogram.flatMap((bucket) => [bucket.fromMs, bucket.toMs])),
    ),
  ].sort((a, b) => a - b);
  const lines: Line[] = entries.map((entry) => {
    const buckets = entry.details.latencyHistogram;
    const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0) || 1;
    const shareAt = (edge: number): number => {
      const bucket = buckets.find((candidate) => candidate.fromMs <= edge && edge < candidate.toMs);
      return bucket ? (bucket.count / total) * 100 : 0;
    };
    return {
      series: { label: entry.target, color: colors.get(entry.target)!, width: 1.5, fill: true },
      points: new Map(edges.map((edge) => [edge, shareAt(edge)])),
    };
  });
  return {
    id,
    title: 'Latency histogram',
    note: 'Share of responses per latency bucket; buckets are spaced logarithmically.',
    // A log axis cannot show 0; a histogram that starts at 0 ms keeps a linear one.
    x: { label: 'latency (ms)', unit: 'ms', log: (edges[0] ?? 0) > 0 },
    y: { label: 'responses (%)', unit: 'percent' },
    steps: true,
    ...align(lines),
  };
}

function latencyOverTime(id: string, entries: DetailedEntry[], colors: Map<string, string>): ChartSpec {
  const styles: Array<{ key: 'p50' | 'p95' | 'p99'; width: number; dash?: number[] }> = [
    { key: 'p50', width: 1.25, dash: [2, 3] },
    { key: 'p95', width: 2.5 },
    { key: 'p99', width: 1.25, dash: [8, 4] },
  ];
  const lines: Line[] = entries.flatMap((entry) =>
    styles.map(({ key, width, dash }) => ({
      series: { label: `${entry.target} ${key}`, color: colors.get(entry.target)!, width, dash },
      points: new Map(entry.details.timeline.map((point) => [point.second, point[key]])),
    })),
  );
  return {
    id,
    title: 'Latency over time',
    note: 'Per second of the measured load: dotted p50, solid p95, dashed p99.',
    x: { label: 'second', unit: 'second' },
    y: { label: 'latency (ms)', unit: 'ms' },
    ...align(lines),
  };
}

function throughputOverTime(id: string, entries: DetailedEntry[], colors: Map<string, string>): ChartSpec {
  const lines: Line[] = entries.flatMap((entry) => {
    const color = colors.get(entry.target)!;
    const requests: Line = {
      series: { label: `${entry.target} requests/s`, color, width: 2 },
      points: new Map(entry.details.timeline.map((point) => [point.second, point.requests])),
    };
    const hasErrors = entry.details.timeline.some((point) => point.errors > 0);
    const errors: Line = {
      series: { label: `${entry.target} errors/s`, color, width: 1.5, dash: [4, 3] },
      points: new Map(entry.details.timeline.map((point) => [point.second, point.errors])),
    };
    return hasErrors ? [requests, errors] : [requests];
  });
  return {
    id,
    title: 'Throughput over time',
    note: 'Responses per second of the measured load.',
    x: { label: 'second', unit: 'second' },
    y: { label: 'req/s', unit: 'count' },
    ...align(lines),
  };
}

/** The leak check's line through the RSS floor of the round drawn (the last), dashed over the part it judged. */
function floorLine(entry: DetailedEntry, color: string): Line[] {
  const trend = entry.verdict.memory?.rounds.at(-1);
  if (!trend) return [];
  const sign = trend.mbPerMinute >= 0 ? '+' : '−';
  return [
    {
      series: {
        label: `${entry.target} floor ${sign}${Math.abs(trend.mbPerMinute).toFixed(1)} MB/min`,
        color,
        width: 1.5,
        dash: [6, 4],
      },
      points: new Map([
        [trend.fromSecond, trend.floorStartMb],
        [trend.toSecond, trend.floorEndMb],
      ]),
    },
  ];
}

function resourceOverTime(
  id: string,
  kind: 'cpu' | 'rss',
  entries: DetailedEntry[],
  colors: Map<string, string>,
): ChartSpec | undefined {
  const measured = entries.flatMap((entry) =>
    entry.details.resources ? [{ entry, target: entry.target, resources: entry.details.resources }] : [],
  );
  if (measured.length === 0) return undefined;
  const lines: Line[] = measured.flatMap(({ entry, target, resources }) => [
    {
      series: {
        label:
          kind === 'cpu'
            ? `${target} (mean ${Math.round(resources.cpuPercentMean)}%)`
            : `${target} (max ${Math.round(resources.rssMbMax)} MB)`,
        color: colors.get(target)!,
        width: 2,
      },
      points: new Map(
        resources.samples.map((sample) => [sample.second, kind === 'cpu' ? sample.cpuPercent : sample.rssMb]),
      ),
    },
    ...(kind === 'rss' ? floorLine(entry, colors.get(target)!) : []),
  ]);
  const leakChecked = measured.some(({ entry }) => entry.verdict.memory?.rounds.at(-1));
  return kind === 'cpu'
    ? {
        id,
        title: 'Target CPU',
        note: 'CPU time of the target process; 100% is one core fully busy.',
        x: { label: 'second', unit: 'second' },
        y: { label: 'CPU (%)', unit: 'percent' },
        ...align(lines),
      }
    : {
        id,
        title: 'Target memory',
        note: `Resident set size of the target process${leakChecked ? "; dashed: the leak check's line through the floor (the minimum after collections) over the part it judged" : ''}.`,
        x: { label: 'second', unit: 'second' },
        y: { label: 'RSS (MB)', unit: 'mb' },
        ...align(lines),
      };
}

/** The charts of one scenario section, comparing its targets; none when no target has details. */
export function scenarioCharts(group: ScenarioGroup, colors: Map<string, string>): ChartSpec[] {
  const entries = group.entries.filter((entry): entry is DetailedEntry => entry.details !== undefined);
  if (entries.length === 0) return [];
  const id = (name: string): string => `${group.id}-${name}`;
  return [
    percentileCurve(id('curve'), entries, colors),
    histogram(id('histogram'), entries, colors),
    latencyOverTime(id('latency'), entries, colors),
    throughputOverTime(id('throughput'), entries, colors),
    resourceOverTime(id('cpu'), 'cpu', entries, colors),
    resourceOverTime(id('rss'), 'rss', entries, colors),
  ].filter((chart): chart is ChartSpec => chart !== undefined);
}
