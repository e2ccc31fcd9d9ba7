import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { formatResultsTable, type TableStyle } from './results-table.ts';
import { readLoadMeta, type LoadTestMeta } from './task-meta.ts';

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const colour = (code: number, text: string): string => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

const terminalStyle: TableStyle = {
  verdict: (text, outcome, enforced) => {
    if (outcome === 'pass' || outcome === 'improved') return colour(32, text);
    if (outcome === 'no-baseline') return colour(2, text);
    return enforced ? colour(31, text) : colour(33, text);
  },
};

/** Prints one table of every load test at the end of each run (and of each watch-mode re-run). */
export class LoadReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows: LoadTestMeta[] = [];
    for (const module of testModules) {
      for (const testCase of module.children.allTests()) collect(testCase, rows);
    }
    if (rows.length === 0) return;
    process.stdout.write(`\n vitest-load results\n\n${formatResultsTable(rows, terminalStyle)}\n\n`);
  }
}

function collect(testCase: TestCase, rows: LoadTestMeta[]): void {
  const meta = readLoadMeta(testCase.meta());
  if (meta) rows.push(meta);
}
