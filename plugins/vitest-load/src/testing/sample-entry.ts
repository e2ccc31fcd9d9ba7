// Sample results-file entries for the tests of reports (not part of the built package).
import type { ResultEntry } from '../report/results-file.ts';
import type { Finding, FindingCause } from '../verdict/findings.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { sampleResult } from './sample-result.ts';

/** A passing entry of `sampleResult()` on a test machine; override the verdict a test is about. */
export function sampleEntry(scenario: string, target: string, verdict: Partial<Verdict> = {}): ResultEntry {
  return {
    suite: 'perf/health.load.ts',
    scenario,
    target,
    result: sampleResult(),
    baselineP95Ms: 1,
    verdict: { outcome: 'pass', failed: false, failures: [], warnings: [], notes: [], p95Change: 0.25, ...verdict },
    environment: {
      cpuModel: 'AMD EPYC 7B13',
      cores: 2,
      os: 'linux',
      node: 'v20.20.2',
      runtime: 'process',
      pinned: true,
    },
    pinning: { pinned: true, targetCpus: '1', loadGeneratorCpus: '0' },
    baselineWritten: false,
  };
}

/** The cause a baseline recorded on a Xeon gives every result measured on this machine. */
export const OTHER_MACHINE: FindingCause = {
  id: 'environment: cpuModel: Intel(R) Xeon(R) Processor → AMD EPYC 7B13',
  short: 'not judged (environment)',
  summary:
    'not judged: the baselines come from Intel(R) Xeon(R) Processor, this is AMD EPYC 7B13; `npx vitest run -u` records yours',
};

/** The verdict of a result whose baseline came from another machine: p95 not judged. */
export function notJudgedOnThisMachine(target: string): Partial<Verdict> {
  const finding: Finding = {
    kind: 'inconclusive',
    message: `${target}: p95 +3.0% not judged: the baseline was measured in another environment (cpuModel: Intel(R) Xeon(R) Processor → AMD EPYC 7B13); re-record it here (-u), or allow the comparison with VITEST_LOAD_COMPARE_ACROSS_ENVIRONMENTS=1`,
    cause: OTHER_MACHINE,
  };
  return { outcome: 'inconclusive', warnings: [finding], p95Change: 0.03 };
}
