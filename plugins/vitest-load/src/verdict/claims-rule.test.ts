import { describe, expect, it } from 'vitest';
import type { CpuShares } from '../measure/load-result.ts';
import { sampleResult } from '../testing/sample-result.ts';
import { claimsRule } from './claims-rule.ts';
import { judgeExpectation, type ExpectationVerdict } from './expectation.ts';

const rounds = (...p95s: number[]) =>
  p95s.map((p95) => ({ p50: p95 / 2, p95, p99: p95 * 2, requestsPerSecond: 1000 / p95, requests: 1000 }));
const fastOverSlow = { faster: 'fast', than: 'slow', by: 1.5, figure: 'p95' as const };
const held = judgeExpectation(fastOverSlow, rounds(1, 1.1, 0.9), rounds(3.1, 3.3, 2.8), 0.95);
const contradicted = judgeExpectation(fastOverSlow, rounds(1, 1.1, 0.9), rounds(1.1, 1.2, 1.0), 0.95);
const capped: CpuShares = { generator: 0.97, generatorCores: 1, target: 0.41, targetCores: 1, generatorBound: true };
const calm: CpuShares = { ...capped, generator: 0.3, target: 0.9, generatorBound: false };

const rule = (verdicts: ExpectationVerdict[], cpuShares?: CpuShares) =>
  claimsRule({
    target: 'fast',
    result: sampleResult(cpuShares ? { cpuShares } : {}),
    claims: { label: 'route × fast vs slow', verdicts },
  });

describe('claimsRule', () => {
  it('notes a claim that holds and fails on one that is contradicted', () => {
    expect(rule([held], calm)).toMatchObject({ notes: [expect.stringContaining('holds')], failures: [] });
    expect(rule([contradicted], calm)).toMatchObject({
      outcomes: ['contradicted'],
      failures: [{ kind: 'contradicted', message: expect.stringContaining('is contradicted') }],
    });
  });

  it('leaves a claim refused as generator-bound undecided, with the reason, and never fails on it', () => {
    const refused = judgeExpectation(fastOverSlow, rounds(1, 1.1, 0.9), rounds(1.1, 1.2, 1.0), 0.95, {
      than: capped,
    });
    const findings = rule([refused], calm);
    expect(findings.failures).toEqual([]);
    expect(findings.notes).toEqual([]);
    expect(findings.outcomes).toEqual(['inconclusive']);
    expect(findings.inconclusive![0]!.message).toBe(
      'route × fast vs slow: expectation "fast at least 1.50× faster than slow in p95" is not judged: slow (load generator at 97% of its core, target at 41%) is generator-bound, so the figures measure the load generator, not the target (docs/verdicts.md#generator-bound)',
    );
  });

  it('does not let a claim judged on a generator-bound result hold or fail', () => {
    for (const verdict of [held, contradicted]) {
      const findings = rule([verdict], capped);
      expect(findings.failures).toEqual([]);
      expect(findings.notes).toEqual([]);
      expect(findings.inconclusive).toEqual([
        {
          kind: 'inconclusive',
          message: expect.stringContaining(
            'is not judged: fast (load generator at 97% of its core, target at 41%) is generator-bound',
          ),
        },
      ]);
    }
  });
});
