import { describe, expect, it } from 'vitest';
import type { LoadDetails } from '../../measure/load-details.ts';
import { scenarioCharts, type ChartSpec } from './chart-specs.ts';
import type { ReportEntry, ScenarioGroup } from './report-model.ts';

const colors = new Map([
  ['express', '#0072B2'],
  ['fastify', '#E69F00'],
]);

function details(seconds: number[], histogram: LoadDetails['latencyHistogram'], withResources: boolean): LoadDetails {
  return {
    timeline: seconds.map((second) => ({ second, requests: 100 + second, p50: 1, p95: 2, p99: 3, errors: 0 })),
    latencyCurve: [
      { percentile: 50, ms: 1 },
      { percentile: 90, ms: 2 },
    ],
    latencyHistogram: histogram,
    ...(withResources
      ? {
          resources: {
            samples: seconds.map((second) => ({ second, cpuPercent: 50, rssMb: 80 })),
            cpuPercentMean: 50,
            rssMbMax: 80,
          },
        }
      : {}),
  };
}

const passed: ReportEntry['verdict'] = { outcome: 'pass', failed: false, failures: [], warnings: [], notes: [] };
const entry = (target: string, extra: Partial<ReportEntry>): ReportEntry =>
  ({ target, baselineP95Ms: 1.5, verdict: passed, ...extra }) as ReportEntry;

const group = (entries: ReportEntry[]): ScenarioGroup => ({
  id: 'scenario-1',
  suite: 'bench/a.load.ts',
  scenario: 'a',
  entries,
});

const chart = (charts: ChartSpec[], name: string): ChartSpec =>
  charts.find((spec) => spec.id === `scenario-1-${name}`)!;

describe('the charts of a scenario', () => {
  const charts = scenarioCharts(
    group([
      entry('express', {
        details: details(
          [0, 1, 2],
          [
            { fromMs: 1, toMs: 2, count: 3 },
            { fromMs: 2, toMs: 4, count: 1 },
          ],
          true,
        ),
      }),
      entry('fastify', { details: details([1, 2, 3], [{ fromMs: 1.5, toMs: 3, count: 2 }], false) }),
    ]),
    colors,
  );

  it('puts targets measured at different seconds on one x axis, with gaps where one has no point', () => {
    expect(chart(charts, 'throughput').data).toEqual([
      [0, 1, 2, 3],
      [100, 101, 102, null],
      [null, 101, 102, 103],
    ]);
  });

  it('steps each target through every bucket edge as a share of its responses', () => {
    expect(chart(charts, 'histogram').data).toEqual([
      [1, 1.5, 2, 3, 4],
      [75, 75, 25, 25, 0],
      [0, 100, 100, 0, 0],
    ]);
  });

  it("draws each target's baseline p95 as a level line across the whole curve", () => {
    const curve = chart(charts, 'curve');
    expect(curve.series.map((series) => series.label)).toEqual([
      'express',
      'fastify',
      'express baseline p95 (1.500 ms)',
      'fastify baseline p95 (1.500 ms)',
    ]);
    expect(curve.data[3]).toEqual([1.5, 1.5]);
  });

  it('draws CPU and memory only for the targets that have them', () => {
    expect(chart(charts, 'cpu').series.map((series) => series.label)).toEqual(['express (mean 50%)']);
    expect(chart(charts, 'rss').series.map((series) => series.label)).toEqual(['express (max 80 MB)']);
  });

  it("dashes the leak check's line through the memory floor of the round drawn, over the part it judged", () => {
    const trend = {
      fromSecond: 1,
      toSecond: 3,
      windows: 8,
      mbPerMinute: 38.2,
      low: 30,
      high: 45,
      confidence: 0.95,
      lateMbPerMinute: 40,
      floorStartMb: 61,
      floorEndMb: 62.3,
    };
    const memory = {
      outcome: 'leak' as const,
      trend,
      rounds: [trend],
      leakingRounds: 1,
      rule: { maxGrowthMbPerMinute: 5, minGrowthMb: 10, settleSeconds: 1 },
      message: 'memory grew',
    };
    const [, , , , , rss] = scenarioCharts(
      group([entry('express', { details: details([0, 1, 2, 3], [], true), verdict: { ...passed, memory } })]),
      colors,
    );
    expect(rss!.series.map((series) => [series.label, series.dash])).toEqual([
      ['express (max 80 MB)', undefined],
      ['express floor +38.2 MB/min', [6, 4]],
    ]);
    expect(rss!.data).toEqual([
      [0, 1, 2, 3],
      [80, 80, 80, 80],
      [null, 61, null, 62.3],
    ]);
    expect(rss!.note).toContain("dashed: the leak check's line through the floor");
  });

  it('draws nothing for a scenario without details', () => {
    expect(scenarioCharts(group([entry('express', {})]), colors)).toEqual([]);
  });
});
