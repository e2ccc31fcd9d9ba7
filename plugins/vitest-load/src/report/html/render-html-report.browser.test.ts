import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementEnvironment } from '../../baseline/environment.ts';
import type { LatencyPercentiles } from '../../measure/latency-histogram.ts';
import type { LoadDetails, QueryInsight } from '../../measure/load-details.ts';
import type { FlameNode } from '../../measure/cpu-profile.ts';
import type { LoadResult } from '../../measure/load-result.ts';
import type { ProfileDetails } from '../../measure/profile-details.ts';
import { differentialFlame } from '../../measure/profile-difference.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { buildResultsFile } from '../results-file.ts';
import { renderHtmlReport } from './render-html-report.ts';
import type { ReportEntry } from './report-model.ts';

// Debian's Chromium, driven by playwright-core: no browser download, which this project's
// machines cannot do anyway.
const CHROMIUM = '/usr/bin/chromium';
const REPORTS = fileURLToPath(new URL('../../../../../reports/', import.meta.url));

// A realistic run: a database read whose express target regressed through an N+1 query, a
// health check with a latency finding reported only, and a mix recorded without a baseline.

const environment: MeasurementEnvironment = {
  cpuModel: 'AMD EPYC 7B13 64-Core Processor',
  cores: 2,
  os: 'linux 6.1.0-27-cloud-amd64',
  node: 'v20.20.2',
  runtime: 'process',
  pinned: true,
  services: {
    postgres: {
      origin: 'embedded',
      version: '17.10',
      settings: { shared_buffers: '128MB', max_connections: '100', fsync: 'off' },
    },
  },
};

function latency(p50: number): LatencyPercentiles {
  return {
    min: p50 * 0.35,
    mean: p50 * 1.2,
    p50,
    p90: p50 * 1.7,
    p95: p50 * 2.1,
    p99: p50 * 3.4,
    p999: p50 * 6.5,
    max: p50 * 14,
  };
}

function result(p50: number, requestsPerSecond: number, byRequest?: LoadResult['byRequest']): LoadResult {
  const requests = requestsPerSecond * 5;
  return {
    latencyMs: latency(p50),
    requests,
    requestsPerSecond,
    bytesPerSecond: requestsPerSecond * 420,
    errors: 0,
    timeouts: 0,
    errorRate: 0,
    statusCodes: { 200: requests },
    durationSeconds: 5,
    unanswered: 2,
    ...(byRequest ? { byRequest } : {}),
  };
}

function details(
  p50: number,
  requestsPerSecond: number,
  cpuPercent: number,
  rssMb: number,
  queries?: QueryInsight,
): LoadDetails {
  const figures = latency(p50);
  const wobble = [1, 1.06, 0.97, 1.03, 0.99];
  // Buckets doubling every two steps from 0.1 ms; counts peak around the median.
  const buckets = Array.from({ length: 18 }, (_, index) => ({
    fromMs: 0.1 * 2 ** (index / 2),
    toMs: 0.1 * 2 ** ((index + 1) / 2),
  }));
  return {
    timeline: wobble.map((factor, second) => ({
      second,
      requests: Math.round(requestsPerSecond / factor),
      p50: p50 * factor,
      p95: figures.p95 * factor,
      p99: figures.p99 * factor * (second === 2 ? 1.3 : 1),
      errors: 0,
    })),
    latencyCurve: [
      { percentile: 0, ms: figures.min },
      { percentile: 50, ms: figures.p50 },
      { percentile: 75, ms: p50 * 1.3 },
      { percentile: 90, ms: figures.p90 },
      { percentile: 95, ms: figures.p95 },
      { percentile: 99, ms: figures.p99 },
      { percentile: 99.9, ms: figures.p999 },
      { percentile: 99.99, ms: p50 * 9 },
      { percentile: 100, ms: figures.max },
    ],
    latencyHistogram: buckets.map((bucket) => {
      const distance = Math.log(Math.sqrt(bucket.fromMs * bucket.toMs) / p50);
      return {
        ...bucket,
        count: Math.round(requestsPerSecond * 5 * 0.12 * Math.exp(-(distance ** 2) / (distance < 0 ? 0.18 : 0.5))),
      };
    }),
    resources: {
      samples: wobble.map((factor, second) => ({ second, cpuPercent: cpuPercent * factor, rssMb: rssMb + second * 3 })),
      cpuPercentMean: cpuPercent,
      rssMbMax: rssMb + 12,
    },
    ...(queries ? { queries } : {}),
  };
}

function verdict(outcome: Verdict['outcome'], p95Change: number | undefined, findings: Partial<Verdict> = {}): Verdict {
  return {
    outcome,
    failed: (findings.failures ?? []).length > 0,
    ...(p95Change === undefined ? {} : { p95Change }),
    failures: [],
    warnings: [],
    notes: [],
    ...findings,
  };
}

const entry = (
  suite: string,
  scenario: string,
  target: string,
  fields: Pick<ReportEntry, 'result' | 'verdict' | 'details'> & { baselineP95Ms?: number },
): ReportEntry => ({
  suite,
  scenario,
  target,
  environment,
  pinning: { pinned: true, targetCpus: '1', loadGeneratorCpus: '0' },
  baselineWritten: false,
  ...fields,
});

const DB_READ = ['bench/basic/03-db-read.load.ts', '03 GET /users/:id with posts'] as const;
const HEALTH = ['bench/basic/01-health.load.ts', '01 GET /health'] as const;
const MIXED = ['bench/basic/08-mixed.load.ts', '08 mixed reads and writes'] as const;

const nPlusOne: QueryInsight = {
  queriesPerRequest: 21,
  statements: [
    {
      query: 'SELECT id, title, body FROM posts WHERE author_id = $1 AND id = $2',
      calls: 48_000,
      totalMs: 9_120,
      meanMs: 0.19,
      rows: 48_000,
    },
    {
      query: 'SELECT id, name, email FROM users WHERE id = $1',
      calls: 2_400,
      totalMs: 310,
      meanMs: 0.129,
      rows: 2_400,
    },
    {
      query: 'SELECT id FROM posts WHERE author_id = $1 ORDER BY id LIMIT $2',
      calls: 2_400,
      totalMs: 280,
      meanMs: 0.117,
      rows: 48_000,
    },
  ],
};
const joined: QueryInsight = {
  queriesPerRequest: 1,
  statements: [
    {
      query:
        'SELECT u.id, u.name, u.email, p.id, p.title, p.body FROM users u LEFT JOIN posts p ON p.author_id = u.id WHERE u.id = $1',
      calls: 9_500,
      totalMs: 2_660,
      meanMs: 0.28,
      rows: 190_000,
    },
  ],
  plans: [
    {
      query:
        'SELECT u.id, u.name, u.email, p.id, p.title, p.body FROM users u LEFT JOIN posts p ON p.author_id = u.id WHERE u.id = $1',
      kind: 'generic',
      text: [
        'Nested Loop Left Join  (cost=0.29..1068.31 rows=20 width=72)',
        '  ->  Index Scan using users_pkey on users u  (cost=0.29..8.31 rows=1 width=40)',
        '        Index Cond: (id = $1)',
        '  ->  Seq Scan on posts p  (cost=0.00..1059.80 rows=20 width=36)',
        '        Filter: (author_id = $1)',
      ].join('\n'),
      flags: [
        {
          kind: 'seq-scan-large-table',
          message:
            'sequential scan over posts (about 50,000 rows): every call reads the whole table to keep the rows where (author_id = $1); an index on what it filters by would spare that',
        },
      ],
    },
  ],
};

const mix = (p50: number, requestsPerSecond: number): LoadResult['byRequest'] => ({
  'read user': {
    requests: requestsPerSecond * 4,
    errors: 0,
    errorRate: 0,
    latencyMs: latency(p50 * 0.8),
    statusCodes: { 200: requestsPerSecond * 4 },
  },
  'create user': {
    requests: requestsPerSecond,
    errors: 0,
    errorRate: 0,
    latencyMs: latency(p50 * 1.8),
    statusCodes: { 201: requestsPerSecond },
  },
});

// The regressed target's CPU profile in an A/B run: a head whose new function took most of its time.
const flame = (slow: number): FlameNode => ({
  name: '(root)',
  value: 1000 + slow,
  children: [
    {
      name: 'handle src/routes/users.js:12',
      value: 1000 + slow,
      children: [
        { name: 'slowOnPurpose src/routes/users.js:40', value: slow, children: [] },
        { name: 'query src/db.js:8', value: 600, children: [] },
        { name: 'stringify src/json.js:3', value: 300, children: [] },
      ],
    },
  ],
});
const profile: ProfileDetails = {
  head: {
    flame: flame(3000),
    topSelf: [
      { frame: 'slowOnPurpose src/routes/users.js:40', share: 0.75 },
      { frame: 'query src/db.js:8', share: 0.15 },
    ],
    busyMicroseconds: 4000,
  },
  overhead: { profiledRequestsPerSecond: 450, judgedMedianRequestsPerSecond: 480, slowdown: 0.0625 },
  base: { flame: flame(0), topSelf: [{ frame: 'query src/db.js:8', share: 0.6 }], busyMicroseconds: 1000 },
  grew: [{ frame: 'slowOnPurpose src/routes/users.js:40', baseShare: 0, headShare: 0.75, growth: 0.75 }],
  differential: differentialFlame(flame(0), flame(3000)),
};

const regression = `${DB_READ[1]} × express: p95 regressed +64.7% (now 8.820 ms, baseline 5.355 ms in baselines/basic/03-db-read.json), threshold +10.0%`;

const entries: ReportEntry[] = [
  entry(...HEALTH, 'express', {
    result: result(0.42, 11_800),
    baselineP95Ms: 0.86,
    verdict: verdict('pass', 0.026),
    details: details(0.42, 11_800, 96, 74),
  }),
  entry(...HEALTH, 'fastify', {
    result: result(0.31, 16_200),
    baselineP95Ms: 0.6,
    verdict: verdict('over-budget', 0.085, {
      warnings: [
        {
          kind: 'over-budget',
          message: `${HEALTH[1]} × fastify: p99 1.054 ms is over its budget of 1.000 ms (reported only: the latency gate is in report mode)`,
        },
      ],
    }),
    details: details(0.31, 16_200, 98, 61),
  }),
  entry(...DB_READ, 'fastify', {
    result: { ...result(1.9, 1_900), cost: { databaseMsPerRequest: 1.2, cpuMsPerRequest: 0.4 } },
    baselineP95Ms: 4.1,
    verdict: verdict('pass', -0.027),
    details: details(1.9, 1_900, 71, 88, joined),
  }),
  entry(...DB_READ, 'express', {
    result: result(4.2, 480),
    baselineP95Ms: 5.355,
    verdict: verdict('regressed', 0.647, { failures: [{ kind: 'regressed', message: regression }] }),
    details: { ...details(4.2, 480, 99, 131, nPlusOne), profile },
  }),
  entry(...MIXED, 'express', {
    result: result(1.1, 3_900, mix(1.1, 3_900)),
    verdict: verdict('no-baseline', undefined, {
      notes: [
        `${MIXED[1]} × express: no baseline yet, so p95 was not compared; record one with: pnpm vitest run --project perf -u (writes baselines/basic/08-mixed.json)`,
      ],
    }),
    details: details(1.1, 3_900, 88, 97),
  }),
  entry(...MIXED, 'fastify', {
    result: result(0.8, 5_100, mix(0.8, 5_100)),
    verdict: verdict('no-baseline', undefined, {
      notes: [
        `${MIXED[1]} × fastify: no baseline yet, so p95 was not compared; record one with: pnpm vitest run --project perf -u (writes baselines/basic/08-mixed.json)`,
      ],
    }),
    details: details(0.8, 5_100, 91, 79),
  }),
];

interface ChartCheck {
  id: string;
  width: number;
  height: number;
  /** Pixels drawn in the colour of one of the chart's series: its lines are on the canvas. */
  seriesPixels: number;
}

/**
 * The browser globals the in-page checks use. The project type-checks for Node, without the DOM
 * library; these functions run in Chromium, so they name what they need from it.
 */
interface InPage {
  document: {
    getElementById(
      id: string,
    ): { textContent: string | null; querySelector(selector: 'canvas'): InPageCanvas | null } | null;
  };
  getComputedStyle(element: unknown): { fontWeight: string; backgroundColor: string };
}

interface InPageCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null;
}

describe('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}; the report's browser test needs it. Install Debian's package: apt-get update && apt-get install -y chromium`,
      );
    }
    mkdirSync(REPORTS, { recursive: true });
    const reportPath = `${REPORTS}report-browser-test.html`;
    writeFileSync(reportPath, renderHtmlReport(buildResultsFile(entries, new Date('2026-11-22T12:00:05Z'))));

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) problems.push(`request: ${request.url()}`);
    });
    await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-charts-rendered]', { timeout: 10_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads nothing but the file itself and logs no error', () => {
    expect(problems).toEqual([]);
  });

  it('draws every chart of every scenario', async () => {
    const charts: ChartCheck[] = await page.evaluate(() => {
      const { document } = globalThis as unknown as InPage;
      const specs = JSON.parse(document.getElementById('chart-specs')!.textContent!) as Array<{
        id: string;
        series: Array<{ color: string }>;
      }>;
      return specs.map((spec) => {
        const canvas = document.getElementById(spec.id)?.querySelector('canvas');
        if (!canvas) return { id: spec.id, width: 0, height: 0, seriesPixels: 0 };
        const colors = spec.series.map(({ color }) =>
          [1, 3, 5].map((start) => parseInt(color.slice(start, start + 2), 16)),
        );
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let seriesPixels = 0;
        for (let index = 0; index < data.length; index += 4) {
          const pixel = [data[index]!, data[index + 1]!, data[index + 2]!];
          const near = colors.some(
            (rgb) => rgb.reduce((distance, channel, at) => distance + Math.abs(channel - pixel[at]!), 0) < 40,
          );
          if (near && data[index + 3]! > 200) seriesPixels++;
        }
        return { id: spec.id, width: canvas.width, height: canvas.height, seriesPixels };
      });
    });
    // 3 scenarios × (percentiles, histogram, latency, throughput, CPU, memory).
    expect(charts).toHaveLength(18);
    expect(await page.locator('[data-chart]').count()).toBe(18);
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(150);
      expect(chart.seriesPixels, chart.id).toBeGreaterThan(50);
    }
  });

  it('puts the regression first, in red, with a banner above the table', async () => {
    const first = page.locator('.summary-table tbody tr').first();
    expect(await first.getAttribute('class')).toBe('row-failed');
    expect(await first.locator('.scenario-cell').textContent()).toBe(DB_READ[1]);
    expect(await first.locator('.target-cell').textContent()).toContain('express');
    const verdictCell = first.locator('.verdict');
    expect(await verdictCell.textContent()).toBe('REGRESSED');
    const style = (element: unknown): ReturnType<InPage['getComputedStyle']> => {
      const computed = (globalThis as unknown as InPage).getComputedStyle(element);
      return { fontWeight: computed.fontWeight, backgroundColor: computed.backgroundColor };
    };
    const label = await verdictCell.evaluate(style);
    expect(Number(label.fontWeight)).toBeGreaterThanOrEqual(700);
    expect(label.backgroundColor).toBe('rgb(200, 30, 30)');
    expect((await first.locator('td').first().evaluate(style)).backgroundColor).toBe('rgb(253, 228, 228)');

    const banner = page.locator('.banner-failed');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain(regression);
    const [bannerBox, tableBox] = await Promise.all([
      banner.boundingBox(),
      page.locator('.summary-table').boundingBox(),
    ]);
    expect(bannerBox!.y).toBeLessThan(tableBox!.y);
  });

  it('makes the N+1 of the regressed target visible at a glance', async () => {
    expect(await page.locator('.summary-table tbody tr').first().locator('.badge-n-plus-one').textContent()).toBe(
      '21.0 queries/request',
    );
    expect(await page.locator('.queries-suspicious .queries-per-request').textContent()).toBe('21.0');
    expect(await page.locator('.queries-suspicious tr.statement-hot').count()).toBe(1);
  });

  it('shows the flags of a plan in sight and the plan itself on a click', async () => {
    const plan = page.locator('.plan-flagged').first();
    expect(await plan.locator('.plan-flag').textContent()).toContain('sequential scan over posts (about 50,000 rows)');
    expect(await plan.locator('.plan-flag').isVisible()).toBe(true);
    const text = plan.locator('.plan-text');
    expect(await text.isVisible()).toBe(true);
    expect(await text.textContent()).toContain('Seq Scan on posts p');
    await plan.locator('summary').click();
    expect(await text.isVisible()).toBe(false);
  });

  it("says under the figures where a request's time went", async () => {
    const line = page.locator('.bottlenecks li', { hasText: 'fastify' });
    expect(await line.isVisible()).toBe(true);
    expect(await line.textContent()).toMatch(
      /^fastify: where the time goes: database \d+% \(1\.200 ms\/request\), target CPU \d+% \(0\.400 ms\/request\), waiting \d+% of the/,
    );
  });

  it('draws the flame graph of a profiled result and its differential view', async () => {
    const headFrames = page.locator('.flame-head .flame svg rect');
    expect(await headFrames.count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.flame-head .flame svg').textContent()).toContain('slowOnPurpose');
    expect(await page.locator('.flame-differential .flame svg rect').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.grew-table tbody tr').first().textContent()).toContain('slowOnPurpose');
  });

  it('highlights the frames a search matches and says what share they hold', async () => {
    const search = page.locator('.flame-head input.flame-search');
    await search.fill('slowOnPurpose');
    const highlighted = await page
      .locator('.flame-head .flame svg rect')
      .evaluateAll(
        (rects) =>
          rects.filter(
            (rect) =>
              (rect as unknown as { getAttribute(name: string): string | null }).getAttribute('fill') === '#E600E6',
          ).length,
      );
    expect(highlighted).toBe(1);
    expect(await page.locator('.flame-head .flame-details').textContent()).toMatch(
      /^search: 3000 of 4000 total samples/,
    );
    await search.fill('');
    expect(await page.locator('.flame-head .flame-details').textContent()).not.toMatch(/^search:/);
  });

  it('saves a full-page screenshot for a reviewer (reports/report-screenshot.png)', async () => {
    const screenshot = await page.screenshot({ path: `${REPORTS}report-screenshot.png`, fullPage: true });
    expect(screenshot.length).toBeGreaterThan(50_000);
  });
});
