import { describe, expect, it } from 'vitest';
import { notJudgedOnThisMachine, OTHER_MACHINE, sampleEntry } from '../testing/sample-entry.ts';
import { causeLabel, causeLine, ownFindings, sharedCauses } from './finding-causes.ts';
import { verdictLabel } from './results-table.ts';

const onXeonBaselines = ['express', 'fastify', 'nestjs'].map((target) =>
  sampleEntry('01 GET /health', target, notJudgedOnThisMachine(target)),
);
const failing = sampleEntry('02 POST /echo', 'express', {
  outcome: 'errors',
  failed: true,
  failures: [{ kind: 'errors', message: 'express: error rate 1.0% is above the allowed 0.0%' }],
});

describe('findings with one cause', () => {
  it('are one line for all the results that share the cause, with how many they are', () => {
    const shared = sharedCauses([...onXeonBaselines, failing]);
    expect(shared).toEqual([{ cause: OTHER_MACHINE, results: 3, failed: false }]);
    expect(causeLine(shared[0]!)).toBe(
      '3 results not judged: the baselines come from Intel(R) Xeon(R) Processor, this is AMD EPYC 7B13; `npx vitest run -u` records yours',
    );
  });

  it('leave out of the one-by-one list only the findings their line stands for', () => {
    const shared = sharedCauses([...onXeonBaselines, failing]);
    expect(ownFindings(onXeonBaselines[0]!.verdict.warnings, shared)).toEqual([]);
    expect(ownFindings(failing.verdict.failures, shared)).toEqual(failing.verdict.failures);
  });

  it('keep a cause of a single result as its finding in full', () => {
    const shared = sharedCauses([onXeonBaselines[0]!, failing]);
    expect(shared).toEqual([]);
    expect(ownFindings(onXeonBaselines[0]!.verdict.warnings, shared)).toHaveLength(1);
  });

  it('count a result once even when several of its findings have the cause', () => {
    const twice = sampleEntry('03 mix', 'express', {
      outcome: 'inconclusive',
      warnings: [...notJudgedOnThisMachine('a').warnings!, ...notJudgedOnThisMachine('b').warnings!],
    });
    expect(sharedCauses([twice, onXeonBaselines[0]!])[0]).toMatchObject({ results: 2 });
  });

  it('are marked failed when any of their findings fails its test', () => {
    const failedForIt = sampleEntry('01 GET /health', 'go', {
      outcome: 'inconclusive',
      failed: true,
      failures: notJudgedOnThisMachine('go').warnings,
    });
    expect(sharedCauses([failedForIt, onXeonBaselines[0]!])[0]).toMatchObject({ results: 2, failed: true });
  });

  it('give a row its short label instead of "inconclusive"', () => {
    expect(causeLabel(onXeonBaselines[0]!.verdict)).toBe('not judged (environment)');
    expect(verdictLabel(onXeonBaselines[0]!)).toBe('not judged (environment)');
  });

  it('leave the label alone when the undecided findings have no cause or different ones', () => {
    const measuredUndecided = sampleEntry('01 GET /health', 'express', {
      outcome: 'inconclusive',
      warnings: [{ kind: 'inconclusive', message: 'express: p95 change inconclusive' }],
    });
    expect(verdictLabel(measuredUndecided)).toBe('inconclusive');
    const mixed = sampleEntry('01 GET /health', 'express', {
      outcome: 'inconclusive',
      warnings: [...measuredUndecided.verdict.warnings, ...notJudgedOnThisMachine('express').warnings!],
    });
    expect(causeLabel(mixed.verdict)).toBeUndefined();
  });
});
