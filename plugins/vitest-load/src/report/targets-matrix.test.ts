import { describe, expect, it } from 'vitest';
import { sampleResult } from '../testing/sample-result.ts';
import { markdownMatrix, targetsMatrix } from './targets-matrix.ts';
import type { ResultEntry } from './results-file.ts';

const entry = (target: string, scenario: string, p95s: number[]): ResultEntry =>
  ({
    suite: 'bench/basic.load.ts',
    scenario,
    target,
    result: {
      ...sampleResult(),
      rounds: p95s.map((p95) => ({ p50: p95 / 2, p95, p99: p95 * 2, requestsPerSecond: 1000 / p95, requests: 100 })),
    },
  }) as unknown as ResultEntry;

describe('targetsMatrix', () => {
  it('puts every target in a row and every scenario in a column, with the p95 interval over rounds', () => {
    const matrix = targetsMatrix([
      entry('fastify', '01 health', [1, 1.1, 1.2]),
      entry('express', '01 health', [2, 2.2]),
      entry('express', '03 user', [5, 5]),
    ]);
    expect(matrix.targets).toEqual(['express', 'fastify']);
    expect(matrix.scenarios).toEqual(['01 health', '03 user']);
    expect(matrix.cell('fastify', '01 health')!.p95Interval!.low).toBeLessThan(1.1);
    expect(matrix.cell('fastify', '03 user')).toBeUndefined();
  });

  it('writes a Markdown table with a dash where a target did not run a scenario', () => {
    const table = markdownMatrix(
      targetsMatrix([entry('express', '01 health', [2, 2.2]), entry('go-gin', '03 user', [1])]),
    );
    expect(table.split('\n')[0]).toBe('| target | 01 health | 03 user |');
    expect(table).toMatch(/\| go-gin \| – \| .* req\/s/);
  });

  it("marks a generator-bound cell with both CPU shares, so a framework table does not pass the generator's ceiling off as the target's", () => {
    const cpuShares = { generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 1, generatorBound: true };
    const capped = entry('go-gin', '01 health', [0.2, 0.2]);
    capped.result = { ...capped.result, cpuShares };
    const table = markdownMatrix(targetsMatrix([capped, entry('express', '01 health', [2, 2.2])]));
    expect(table).toMatch(
      /\| go-gin \| .* req\/s .* · generator-bound: load generator at 97% of its core, target at 41% \|/,
    );
    expect(table).toMatch(/\| express \| [^|]*req\/s[^|]* \|$/m);
    expect(table.match(/generator-bound/g)).toHaveLength(1);
  });
});
