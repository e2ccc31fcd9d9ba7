import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { renderHtmlReport } from '../html/render-html-report.ts';
import { causeLine, sharedCauses } from '../finding-causes.ts';
import { formatMarkdownSummary } from '../markdown-summary.ts';
import { buildResultsFile, type ResultEntry } from '../results-file.ts';
import { formatResultsTable, type TableStyle } from '../results-table.ts';
import { readLoadMetas, type LoadTestMeta } from '../task-meta.ts';

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const colour = (code: number, text: string): string => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

const terminalStyle: TableStyle = {
  verdict: (text, outcome, enforced) => {
    if (outcome === 'pass' || outcome === 'improved') return colour(32, text);
    if (outcome === 'no-baseline') return colour(2, text);
    if (outcome === 'inconclusive' && !enforced) return colour(33, text);
    return enforced ? colour(31, text) : colour(33, text);
  },
};

/**
 * At the end of each run (and of each watch-mode re-run): prints one table of every load test,
 * and writes `results.json`, `summary.md` (for a pull request) and the self-contained
 * `report.html` into the reports folder.
 */
export class LoadReporter implements Reporter {
  private root = process.cwd();
  /** p95 of each test in the previous run of this Vitest process: watch mode shows the change. */
  private previousP95 = new Map<string, number>();

  constructor(private readonly reportsDir: string) {}

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const entries: ResultEntry[] = [];
    for (const module of testModules) {
      const suite = relative(this.root, module.moduleId);
      for (const testCase of module.children.allTests()) {
        for (const meta of readLoadMetas(testCase.meta())) entries.push({ suite, ...meta });
      }
    }
    if (entries.length === 0) return;
    const key = (entry: ResultEntry): string => `${entry.suite}\0${entry.scenario}\0${entry.target}`;
    const previous = this.previousP95;
    const previousChange = (meta: LoadTestMeta): number | undefined => {
      const before = previous.get(key(meta as ResultEntry));
      return before ? (meta.result.latencyMs.p95 - before) / before : undefined;
    };
    // Findings with one cause, once each, below the table: the last lines are the ones left on screen.
    const causes = sharedCauses(entries).map((shared) => ` ${causeLine(shared)}\n`);
    process.stdout.write(
      `\n vitest-load results\n\n${formatResultsTable(entries, terminalStyle, previousChange)}\n\n${causes.join('')}${causes.length > 0 ? '\n' : ''}`,
    );
    this.previousP95 = new Map([
      ...previous,
      ...entries.map((entry) => [key(entry), entry.result.latencyMs.p95] as const),
    ]);
    const results = buildResultsFile(entries, new Date());
    const folder = resolve(this.root, this.reportsDir);
    await mkdir(folder, { recursive: true });
    await writeAtomically(join(folder, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeAtomically(join(folder, 'summary.md'), formatMarkdownSummary(results, { ...ciRunLink(process.env) }));
    await writeAtomically(join(folder, 'report.html'), renderHtmlReport(results));
    const shown = (name: string): string => relative(process.cwd(), join(folder, name));
    process.stdout.write(
      ` Report: ${shown('report.html')} · results: ${shown('results.json')} · pull-request summary: ${shown('summary.md')}\n\n`,
    );
  }
}

/** On GitHub Actions, the run's page, where its artifacts (the whole report) are listed. */
export function ciRunLink(env: NodeJS.ProcessEnv): { reportLink?: string } {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  return server && repository && run ? { reportLink: `${server}/${repository}/actions/runs/${run}` } : {};
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, file);
}
