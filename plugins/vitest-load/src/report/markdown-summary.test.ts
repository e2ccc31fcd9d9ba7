import { describe, expect, it } from 'vitest';
import { notJudgedOnThisMachine, sampleEntry } from '../testing/sample-entry.ts';
import { formatMarkdownSummary, MARKDOWN_SUMMARY_LIMIT } from './markdown-summary.ts';
import { buildResultsFile, type ResultEntry } from './results-file.ts';

const finishedAt = new Date('2026-12-07T12:00:00Z');
/** What GitHub accepts in one comment. */
const GITHUB_COMMENT_LIMIT = 65_536;

/** A scenario name as long as the lab's longest, and longer. */
const longName = (index: number): string =>
  `${String(index).padStart(3, '0')} GET /api/users?page=2&limit=50&sort=created_at&include=posts,comments,likes (a mix of reads and writes under a spike)`;

function failingEntry(index: number, messageLength = 400): ResultEntry {
  const target = `implementation-with-a-long-name-${index}`;
  return sampleEntry(longName(index), target, {
    outcome: 'check-failed',
    failed: true,
    failures: [
      {
        kind: 'check-failed',
        message: `${longName(index)} × ${target}: the check after the load failed: ${'rows lost; '.repeat(messageLength / 11)}`,
      },
    ],
  });
}

/** The full lab's size: 200 results with long names, many failing, the rest not judged on this machine. */
function fullLab(failing: number, messageLength?: number): ResultEntry[] {
  return Array.from({ length: 200 }, (_, index) =>
    index < failing
      ? failingEntry(index, messageLength)
      : sampleEntry(longName(index), `implementation-${index % 12}`, {
          ...notJudgedOnThisMachine(`implementation-${index % 12}`),
          p95Change: (index % 37) / 100 - 0.18,
        }),
  );
}

describe('the Markdown summary of a small run', () => {
  const entries = Array.from({ length: 12 }, (_, index) =>
    sampleEntry(`0${index} GET /health`, index % 2 === 0 ? 'express' : 'fastify', notJudgedOnThisMachine('t')),
  );
  const markdown = formatMarkdownSummary(buildResultsFile(entries, finishedAt));

  it('lists every row', () => {
    for (const entry of entries) expect(markdown).toContain(`| ${entry.scenario} | ${entry.target} |`);
    expect(markdown).not.toContain('The other');
  });

  it('says once what many results have in common, and each row just "not judged (environment)"', () => {
    expect(markdown).toContain(
      '- ⚠️ 12 results not judged: the baselines come from Intel(R) Xeon(R) Processor, this is AMD EPYC 7B13; `npx vitest run -u` records yours',
    );
    expect(markdown).not.toContain('re-record it here');
    expect(markdown.split('\n').filter((line) => line.endsWith('| not judged (environment) |'))).toHaveLength(12);
  });

  it('points to the whole report: the CI run when it has one, else the file beside the summary', () => {
    expect(markdown).toContain(
      'The whole report, with every finding and the charts: `report.html`, beside this summary',
    );
    const linked = formatMarkdownSummary(buildResultsFile(entries, finishedAt), {
      reportLink: 'https://github.com/acme/api/actions/runs/42',
    });
    expect(linked).toContain("[report.html in the run's artifacts](https://github.com/acme/api/actions/runs/42)");
  });
});

describe('the Markdown summary of a run the size of the full lab', () => {
  const entries = fullLab(60);
  const markdown = formatMarkdownSummary(buildResultsFile(entries, finishedAt));

  it('fits in a pull-request comment', () => {
    expect(MARKDOWN_SUMMARY_LIMIT).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_SUMMARY_LIMIT);
  });

  it('keeps every failure in full: its row and its finding', () => {
    expect(markdown).toContain('### Failures and regressions (60)');
    for (const entry of entries.slice(0, 60)) {
      expect(markdown).toContain(`| ${entry.scenario} | ${entry.target} |`);
      expect(markdown).toContain(`- ❌ ${entry.verdict.failures[0]!.message}`);
    }
  });

  it('sums up the rest by verdict, with their largest changes of p95, and the one cause they share', () => {
    expect(markdown).toContain('**The other 140 results:** 140 not judged (environment).');
    expect(markdown).toContain('The largest changes of p95 among them:');
    expect(markdown).toContain('- ⚠️ 140 results not judged: the baselines come from Intel(R) Xeon(R) Processor');
    const rowsOfTheRest = markdown.split('\n').filter((line) => line.endsWith('| not judged (environment) |'));
    expect(rowsOfTheRest).toHaveLength(10);
    expect(rowsOfTheRest[0]).toContain('| +18.0% |');
  });

  it('stays within the limit when even the failures do not fit, and says how many it left out', () => {
    const huge = formatMarkdownSummary(buildResultsFile(fullLab(200, 2_000), finishedAt));
    expect(huge.length).toBeLessThanOrEqual(MARKDOWN_SUMMARY_LIMIT);
    expect(huge).toMatch(/\| … \d+ more: see the whole report \|/);
    expect(huge).toMatch(/- … \d+ more findings: see the whole report\./);
    expect(huge).toContain('The whole report, with every finding and the charts');
  });

  it('keeps to a smaller limit when one is given', () => {
    expect(formatMarkdownSummary(buildResultsFile(entries, finishedAt), { limit: 10_000 }).length).toBeLessThanOrEqual(
      10_000,
    );
  });
});

describe('the Markdown summary of a result on a database', () => {
  const entry = sampleEntry('03 GET /customer', 'express');
  entry.result = {
    ...entry.result,
    latencyMs: { ...entry.result.latencyMs, mean: 3.333 },
    cost: { databaseMsPerRequest: 2.1, cpuMsPerRequest: 0.9 },
  };
  entry.details = {
    timeline: [],
    latencyCurve: [],
    latencyHistogram: [],
    queries: {
      queriesPerRequest: 1,
      statements: [],
      plans: [
        {
          query: 'SELECT id FROM customers WHERE email = $1',
          kind: 'generic',
          text: 'Seq Scan on customers',
          flags: [{ kind: 'seq-scan-large-table', message: 'sequential scan over customers (about 50,000 rows)' }],
        },
      ],
    },
  };
  const markdown = formatMarkdownSummary(buildResultsFile([entry], finishedAt));

  it('says where the time went and what the plans flag, under the result', () => {
    expect(markdown).toContain(
      [
        '<details><summary>Where the time goes</summary>',
        '',
        '- **03 GET /customer × express**',
        '  - where the time goes: database 63% (2.100 ms/request), target CPU 27% (0.900 ms/request), waiting 10% of the 3.333 ms mean latency',
        '  - plan of SELECT id FROM customers WHERE email = $1: sequential scan over customers (about 50,000 rows)',
      ].join('\n'),
    );
  });
});
