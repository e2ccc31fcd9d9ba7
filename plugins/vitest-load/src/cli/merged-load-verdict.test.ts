import { describe, expect, it } from 'vitest';
import { sampleBaselineEntry, sampleResult } from '../testing/sample-result.ts';
import { judgeMergedLoad } from './merged-load-verdict.ts';

const load = (result = sampleResult()) => ({
  label: 'GET /items × api',
  result,
  files: 3,
  baseline: sampleBaselineEntry(),
  baselineFile: 'baselines/items.json',
  maxP95Increase: 0.1,
  maxErrorRate: 0,
});

describe('judgeMergedLoad', () => {
  it('passes a merged load whose p95 is within the threshold of the baseline, saying it has no interval', () => {
    const verdict = judgeMergedLoad(load(sampleResult({ latencyMs: { ...sampleResult().latencyMs, p95: 1.3 } })));
    expect(verdict.failed).toBe(false);
    expect(verdict.lines[0]).toContain('GET /items × api: 3 results files merged: 50,000 responses');
    expect(verdict.lines[1]).toBe(
      'GET /items × api: p95 +4.0% (one merged load: no interval): now 1.300 ms, baseline 1.250 ms in baselines/items.json; threshold +10.0%: pass',
    );
  });

  it('fails a p95 beyond the threshold, with both figures and the baseline file', () => {
    const verdict = judgeMergedLoad(load(sampleResult({ latencyMs: { ...sampleResult().latencyMs, p95: 2.5 } })));
    expect(verdict.failed).toBe(true);
    expect(verdict.lines[1]).toContain('p95 regressed +100.0% (one merged load: no interval): now 2.500 ms');
  });

  it('fails errors above the gate and a load with no response at all', () => {
    expect(judgeMergedLoad(load(sampleResult({ errors: 5, errorRate: 0.001 }))).lines[1]).toContain(
      "error rate 0.1% is above the gate's 0.0%",
    );
    const empty = judgeMergedLoad(load(sampleResult({ requests: 0 })));
    expect(empty).toMatchObject({ failed: true });
    expect(empty.lines[1]).toContain('hold no response');
  });
});
