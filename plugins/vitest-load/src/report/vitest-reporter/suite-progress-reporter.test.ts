import { describe, expect, it } from 'vitest';
import type { TestModule, TestSpecification, Vitest } from 'vitest/node';
import { planMeta } from '../suite-plan.ts';
import { SuiteProgressReporter } from './suite-progress-reporter.ts';

// Stand-ins for what Vitest hands a reporter: only the fields the reporter reads.
const project = (name: string) => ({ name });
const specification = (file: string, projectName = 'perf') =>
  ({ moduleId: `/repo/${file}`, project: project(projectName) }) as unknown as TestSpecification;
const suite = (file: string, tests: { seconds?: number; mode?: string }[], projectName = 'perf') =>
  ({
    moduleId: `/repo/${file}`,
    project: project(projectName),
    children: {
      allTests: () =>
        tests.map(({ seconds, mode = 'run' }) => ({
          meta: () => (seconds === undefined ? {} : planMeta(seconds)),
          options: { mode },
        })),
    },
  }) as unknown as TestModule;

function reporterAt(clock: { now: number }, lines: string[]) {
  const reporter = new SuiteProgressReporter(
    new Set(['perf']),
    (line) => lines.push(line),
    () => clock.now,
  );
  reporter.onInit({ config: { root: '/repo' } } as Vitest);
  return reporter;
}

describe('SuiteProgressReporter', () => {
  it('names the suites at the start, says suite k of n with time spent and left, and ends against the estimate', () => {
    const clock = { now: 0 };
    const lines: string[] = [];
    const reporter = reporterAt(clock, lines);
    const [first, second] = [
      suite('a.load.ts', [{ seconds: 30 }, { seconds: 30 }]),
      suite('b.load.ts', [{ seconds: 20 }]),
    ];
    reporter.onTestRunStart([
      specification('a.load.ts'),
      specification('b.load.ts'),
      specification('x.test.ts', 'unit'),
    ]);
    reporter.onTestModuleCollected(first);
    reporter.onTestModuleStart(first);
    clock.now = 65_000;
    reporter.onTestModuleEnd(first);
    reporter.onTestModuleCollected(second);
    reporter.onTestModuleStart(second);
    clock.now = 90_000;
    reporter.onTestModuleEnd(second);
    reporter.onTestRunEnd();
    expect(lines).toEqual([
      'vitest-load: 2 suites to run (a.load.ts, b.load.ts); each says its expected time as it starts, from its rounds, loads and targets',
      'vitest-load: suite 1 of 2, a.load.ts: 2 load tests, about 1 min · 0 s elapsed, about 2 min left (suites not started yet counted at the mean of those so far)',
      'vitest-load: suite 2 of 2, b.load.ts: 1 load test, about 20 s · 1 min 5 s elapsed, about 20 s left',
      'vitest-load: 2 suites in 1 min 30 s (expected about 1 min 20 s)',
    ]);
  });

  it('says what a run that filtered out every load test would take, and nothing per suite', () => {
    const lines: string[] = [];
    const reporter = reporterAt({ now: 0 }, lines);
    const filtered = suite('a.load.ts', [{ seconds: 30, mode: 'skip' }, { seconds: 90, mode: 'skip' }, {}]);
    reporter.onTestRunStart([specification('a.load.ts')]);
    reporter.onTestModuleCollected(filtered);
    reporter.onTestModuleStart(filtered);
    reporter.onTestRunEnd();
    expect(lines.slice(1)).toEqual([
      "vitest-load: no load test ran; the 1 suite collected declares 2 load tests, expected to take about 2 min run as this run's settings would",
    ]);
  });

  it('stays silent in a run of projects without the plugin', () => {
    const lines: string[] = [];
    const reporter = reporterAt({ now: 0 }, lines);
    const unit = suite('x.test.ts', [{}], 'unit');
    reporter.onTestRunStart([specification('x.test.ts', 'unit')]);
    reporter.onTestModuleCollected(unit);
    reporter.onTestModuleStart(unit);
    reporter.onTestRunEnd();
    expect(lines).toEqual([]);
  });
});
