import { describe, expect, it } from 'vitest';
import type { LoadDetails } from '../../measure/load-details.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { sampleResult } from '../../testing/sample-result.ts';
import { notJudgedOnThisMachine } from '../../testing/sample-entry.ts';
import { buildResultsFile } from '../results-file.ts';
import { renderHtmlReport } from './render-html-report.ts';
import type { ReportEntry } from './report-model.ts';

const result = sampleResult();

const details: LoadDetails = {
  timeline: [0, 1, 2].map((second) => ({ second, requests: 10_000, p50: 0.5, p95: 1.25, p99: 2.5, errors: 0 })),
  latencyCurve: [
    { percentile: 50, ms: 0.5 },
    { percentile: 99, ms: 2.5 },
    { percentile: 100, ms: 9 },
  ],
  latencyHistogram: [
    { fromMs: 0.25, toMs: 0.5, count: 10 },
    { fromMs: 0.5, toMs: 1, count: 30 },
  ],
  queries: {
    queriesPerRequest: 21,
    statements: [
      {
        query: 'SELECT * FROM posts WHERE user_id = $1',
        calls: 1_000_000,
        totalMs: 4_000,
        meanMs: 0.004,
        rows: 1_000_000,
      },
    ],
  },
};

function entry(
  scenario: string,
  target: string,
  verdict: Partial<Verdict> = {},
  extra: Partial<ReportEntry> = {},
): ReportEntry {
  return {
    suite: 'bench/basic/03-db-read.load.ts',
    scenario,
    target,
    result,
    baselineP95Ms: 1,
    verdict: { outcome: 'pass', failed: false, failures: [], warnings: [], notes: [], p95Change: 0.25, ...verdict },
    environment: {
      cpuModel: 'Test CPU',
      cores: 2,
      os: 'linux',
      node: 'v20.20.2',
      runtime: 'process',
      pinned: true,
      services: { postgres: { origin: 'embedded', version: '17.10', settings: { fsync: 'off' } } },
    },
    pinning: { pinned: true, targetCpus: '1', loadGeneratorCpus: '0' },
    baselineWritten: false,
    ...extra,
  };
}

const regressed =
  'db read × express: p95 regressed +25.0% (now 1.250 ms, baseline 1.000 ms in baselines/basic/03-db-read.json), threshold +10.0%';
const reported =
  'health × fastify: p95 1.250 ms is over its budget of 1.000 ms (reported only: the latency gate is in report mode)';

const run = buildResultsFile(
  [
    entry('health', 'express'),
    entry('health', 'fastify', { outcome: 'over-budget', warnings: [{ kind: 'over-budget', message: reported }] }),
    entry(
      'db read',
      'express',
      { outcome: 'regressed', failed: true, failures: [{ kind: 'regressed', message: regressed }] },
      { details },
    ),
  ],
  new Date('2026-11-22T12:00:05Z'),
);

const scriptBodies = (html: string): string[] =>
  [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
const chartSpecs = (html: string): unknown[] =>
  JSON.parse(/<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(html)![1]!);
const summaryRowClasses = (html: string): string[] =>
  [.../<table class="summary-table">[\s\S]*?<\/table>/.exec(html)![0].matchAll(/<tr class="(row-\w+)">/g)].map(
    (match) => match[1]!,
  );

describe('the HTML report', () => {
  const html = renderHtmlReport(run);

  it('leads with the outcome, the counts and the machine the run was measured on', () => {
    expect(html).toContain('<h1 class="headline headline-failed">1 of 3 failed</h1>');
    expect(html).toContain(
      '1 failed</span><span class="count count-reported">1 reported</span><span class="count count-passed">1 passed',
    );
    expect(html).toContain('finished 2026-11-22 12:00:05 UTC');
    expect(html).toContain('Test CPU × 2 cores');
    expect(html).toContain('target on CPU 1, load generator on CPU 0');
    expect(html).toContain('postgres 17.10 (embedded; fsync=off)');
  });

  it('sets every target beside the others in a targets × scenarios table', () => {
    const matrix = /<table class="matrix-table">[\s\S]*?<\/table>/.exec(html)![0];
    expect([...matrix.matchAll(/<th>([^<]+)<\/th>/g)].map((match) => match[1])).toEqual([
      'target',
      'db read',
      'health',
    ]);
    expect(matrix).toContain('fastify</th><td class="num">–</td>');
  });

  it('lists failed rows first, then reported findings, then passes', () => {
    expect(summaryRowClasses(html)).toEqual(['row-failed', 'row-reported', 'row-passed']);
  });

  it('holds the figures, the change against the baseline and the verdict of every row', () => {
    expect(html).toContain('<td class="num strong">1.250 ms</td>');
    expect(html).toContain('<td class="num">10,000</td>');
    expect(html).toContain('<td class="num change-worse">+25.0%</td>');
    expect(html).toContain('<span class="verdict verdict-failed">REGRESSED</span>');
    expect(html).toContain('<span class="verdict verdict-reported">OVER BUDGET (reported)</span>');
  });

  it('spells out every finding in full, in the banner and in its scenario', () => {
    expect(html).toContain('<section class="banner banner-failed" role="alert">');
    expect(html.split(regressed)).toHaveLength(3);
    expect(html.split(reported)).toHaveLength(3);
  });

  it('marks a generator-bound result with both CPU shares, in the summary and in its scenario', () => {
    const cpuShares = { generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 1, generatorBound: true };
    const capped = renderHtmlReport(
      buildResultsFile(
        [entry('health', 'go-gin', {}, { result: { ...result, cpuShares } })],
        new Date('2026-11-22T12:00:05Z'),
      ),
    );
    const marker = 'generator-bound: load generator at 97% of its core, target at 41%';
    expect(capped).toContain(
      `<span class="badge badge-generator-bound" title="its figures measure the load generator, not the target">${marker}</span>`,
    );
    expect(capped).toContain(`go-gin: ${marker}: its figures measure the load generator, not the target`);
    expect(html).not.toContain('generator-bound:');
  });

  it('inlines the flame-graph library only into a report with a profile, and says why a profile is missing', () => {
    expect(html).not.toContain('flame-specs');
    const flame = {
      name: '(root)',
      value: 10,
      children: [{ name: 'slowOnPurpose server.mjs:2', value: 10, children: [] }],
    };
    const profiled = renderHtmlReport(
      buildResultsFile(
        [
          entry(
            'work',
            'node',
            {},
            {
              details: {
                ...details,
                profile: {
                  head: { flame, topSelf: [{ frame: 'slowOnPurpose server.mjs:2', share: 1 }], busyMicroseconds: 10 },
                },
              },
            },
          ),
          entry(
            'work',
            'flask',
            {},
            { details: { ...details, profile: { unavailable: 'profile: not available for python yet' } } },
          ),
        ],
        new Date('2026-11-22T12:00:05Z'),
      ),
    );
    expect(profiled).toContain('id="flame-specs"');
    expect(profiled).toContain('<code>slowOnPurpose server.mjs:2</code></td><td class="num">100.0%</td>');
    expect(profiled).toContain('profile: not available for python yet');
    expect(scriptBodies(profiled).some((body) => body.includes('d3-flame-graph'))).toBe(true);
  });

  it('flags more than 2 queries per request as a likely N+1', () => {
    expect(html).toContain('21.0 queries/request');
    expect(html).toContain('likely N+1');
    expect(html).toContain('<tr class="statement-hot">');
  });

  it('draws charts only for the scenario that has details, and no CPU or memory chart without resources', () => {
    // Percentiles, histogram, latency over time, throughput over time.
    expect(html.match(/data-chart>/g)).toHaveLength(4);
    expect(chartSpecs(html)).toHaveLength(4);
    expect(html).toContain('No per-second details were recorded for this scenario');
  });

  it('inlines its scripts and styles and points at nothing outside the file', () => {
    const references = [...html.matchAll(/\s(?:src|href)\s*=\s*["']?([^"'\s>]*)/gi)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => !reference.startsWith('#') && !reference.startsWith('data:'))).toEqual([]);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html).toContain(`content="default-src 'none';`);
    expect(scriptBodies(html).some((body) => body.includes('uPlot'))).toBe(true);
  });
});

describe('a scenario or target named with a closing script tag', () => {
  const hostile = '</script><script>alert(1)</script>';
  const html = renderHtmlReport(
    buildResultsFile([entry(hostile, `express ${hostile}`, {}, { details })], new Date('2026-11-22T12:00:05Z')),
  );

  it('cannot end a script element early', () => {
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('is kept exactly, as data and as text', () => {
    expect(JSON.stringify(chartSpecs(html))).toContain(JSON.stringify(`express ${hostile}`).slice(1, -1));
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a run of one entry without details', () => {
  const html = renderHtmlReport(
    buildResultsFile([entry('health', 'express', { p95Change: 0.01 })], new Date('2026-11-22T12:00:05Z')),
  );

  it('shows the headline and the tables, and no charts', () => {
    expect(html).toContain('All 1 passed');
    expect(summaryRowClasses(html)).toEqual(['row-passed']);
    expect(html).not.toContain('data-chart');
    expect(chartSpecs(html)).toEqual([]);
    expect(html).not.toContain('class="banner');
  });
});

describe('the HTML report of results whose baselines come from another machine', () => {
  const onThisMachine = ['express', 'fastify', 'nestjs'].map((target) =>
    entry('health', target, notJudgedOnThisMachine(target)),
  );
  const html = renderHtmlReport(
    buildResultsFile(
      [
        ...onThisMachine,
        entry('db read', 'express', {
          outcome: 'regressed',
          failed: true,
          failures: [{ kind: 'regressed', message: regressed }],
        }),
      ],
      new Date('2026-11-22T12:00:05Z'),
    ),
  );
  const banners = html.slice(html.indexOf('<section class="banner'), html.indexOf('<section class="card summary">'));

  it('says it once at the top, with how many results it concerns and how to record baselines here', () => {
    expect(banners).toContain(
      '<li class="shared-cause">3 results not judged: the baselines come from Intel(R) Xeon(R) Processor, this is AMD EPYC 7B13; `npx vitest run -u` records yours</li>',
    );
    expect(banners).not.toContain('re-record it here');
    expect(banners).toContain(regressed);
  });

  it('marks each of their rows just "not judged (environment)"', () => {
    const summaryTable = /<table class="summary-table">[\s\S]*?<\/table>/.exec(html)![0];
    expect(summaryTable.split('<span class="verdict verdict-reported">not judged (environment)</span>')).toHaveLength(
      4,
    );
  });
});

describe('the HTML report of a spike with a fault', () => {
  const spike = sampleResult({
    stages: [
      {
        durationSeconds: 3,
        connections: 10,
        requests: 3000,
        requestsPerSecond: 1000,
        errors: 0,
        errorRate: 0,
        latencyMs: { p50: 2, p95: 4, p99: 6 },
      },
      {
        durationSeconds: 3,
        connections: 100,
        requests: 6000,
        requestsPerSecond: 2000,
        errors: 0,
        errorRate: 0,
        latencyMs: { p50: 20, p95: 40, p99: 60 },
        recovery: { seconds: 0.3, rounds: [0.2, 0.3, 0.4], referenceP95Ms: 4 },
      },
    ],
    faults: [
      {
        name: 'postgres stopped',
        atSeconds: 2,
        durationSeconds: 1.5,
        actualSeconds: 1.65,
        requests: 330,
        errors: 313,
        errorRate: 313 / 330,
        failedP95Ms: 13.6,
        recovery: { seconds: null, rounds: [null], referenceP95Ms: 4 },
      },
    ],
  });
  const html = renderHtmlReport(
    buildResultsFile([entry('21 spike', 'express', {}, { result: spike })], new Date('2026-11-22T12:00:05Z')),
  );

  it('lists every stage with its figures and the recovery after the spike', () => {
    expect(html).toContain('<h3>Stages</h3>');
    expect(html).toContain('stage 2: 100 connections for 3 s');
    expect(html).toContain('0.30 s (rounds: 0.20 s, 0.30 s, 0.40 s)');
  });

  it('lists every fault with its errors, how fast they came, and a recovery that never came', () => {
    expect(html).toContain('<h3>Faults</h3>');
    expect(html).toContain('postgres stopped: at 2 s for 1.5 s (lasted 1.65 s)');
    expect(html).toContain('13.6 ms');
    expect(html).toContain('not within the load');
  });
});
