import { relative } from 'node:path';
import type { Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import { readPlannedSeconds } from '../suite-plan.ts';
import { formatPlanOnly, formatRunEnd, formatRunStart, formatSuiteProgress } from '../suite-progress.ts';

/** A suite collected in this run: its load tests that will run, their expected seconds, and whether it has finished. */
interface CollectedSuite {
  tests: number;
  plannedSeconds: number;
  /** The same for every load test declared, filtered out (`-t`, `.skip`) or not. */
  declaredTests: number;
  declaredSeconds: number;
  finished: boolean;
}

/**
 * Progress across the suites of the projects that use the plugin: what will run as the run
 * starts, "suite k of n" with the time spent and left as each starts, and the whole run's time
 * against its estimate at the end. Tests of other projects in the same run are not counted.
 */
export class SuiteProgressReporter implements Reporter {
  private root = process.cwd();
  private startedAt = Date.now();
  private suites: string[] = [];
  private collected = new Map<string, CollectedSuite>();

  constructor(
    /** The projects whose suites are load suites (those the plugin is added to). */
    private readonly projects: ReadonlySet<string>,
    private readonly log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => number = Date.now,
  ) {}

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.startedAt = this.now();
    this.collected = new Map();
    const mine = specifications.filter((specification) => this.projects.has(specification.project.name));
    this.suites = [...new Set(mine.map((specification) => relative(this.root, specification.moduleId)))];
    if (this.suites.length > 0) this.log(formatRunStart(this.suites));
  }

  onTestModuleCollected(module: TestModule): void {
    if (!this.isMine(module)) return;
    const own: CollectedSuite = { tests: 0, plannedSeconds: 0, declaredTests: 0, declaredSeconds: 0, finished: false };
    for (const testCase of module.children.allTests()) {
      const planned = readPlannedSeconds(testCase.meta());
      if (planned === undefined) continue;
      own.declaredTests += 1;
      own.declaredSeconds += planned;
      if (testCase.options.mode === 'skip' || testCase.options.mode === 'todo') continue;
      own.tests += 1;
      own.plannedSeconds += planned;
    }
    this.collected.set(this.suiteOf(module), own);
  }

  onTestModuleStart(module: TestModule): void {
    const suite = this.suiteOf(module);
    const own = this.collected.get(suite);
    // A suite whose load tests are all filtered out (`-t`) has nothing to say while it is skipped.
    if (!own || own.tests === 0 || !this.isMine(module)) return;
    const all = [...this.collected.values()];
    this.log(
      formatSuiteProgress({
        // Vitest collects a suite just before it runs it, one at a time here: the collected ones are those started.
        index: this.collected.size,
        total: Math.max(this.suites.length, this.collected.size),
        suite,
        tests: own.tests,
        plannedSeconds: own.plannedSeconds,
        elapsedSeconds: (this.now() - this.startedAt) / 1000,
        collectedLeftSeconds: all.filter((each) => !each.finished).reduce((sum, each) => sum + each.plannedSeconds, 0),
        collectedPlannedSeconds: all.reduce((sum, each) => sum + each.plannedSeconds, 0),
        collectedSuites: all.length,
      }),
    );
  }

  onTestModuleEnd(module: TestModule): void {
    const own = this.collected.get(this.suiteOf(module));
    if (own) own.finished = true;
  }

  onTestRunEnd(): void {
    if (this.collected.size === 0) return;
    const all = [...this.collected.values()];
    const sum = (of: (suite: CollectedSuite) => number): number => all.reduce((total, suite) => total + of(suite), 0);
    // A run that filtered out every load test (`-t`) still tells what the suites would cost: a plan without load.
    if (sum((suite) => suite.tests) === 0 && sum((suite) => suite.declaredTests) > 0) {
      this.log(
        formatPlanOnly(
          all.length,
          sum((suite) => suite.declaredTests),
          sum((suite) => suite.declaredSeconds),
        ),
      );
      return;
    }
    this.log(
      formatRunEnd(
        (this.now() - this.startedAt) / 1000,
        sum((suite) => suite.plannedSeconds),
        all.length,
      ),
    );
  }

  private isMine(module: TestModule): boolean {
    return this.projects.has(module.project.name);
  }

  private suiteOf(module: TestModule): string {
    return relative(this.root, module.moduleId);
  }
}
