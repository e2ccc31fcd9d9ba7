import { describe, expect, it } from 'vitest';
import { sampleResult } from '../testing/sample-result.ts';
import { bottleneckLine, planFlagLines } from './bottleneck-line.ts';

describe('bottleneckLine', () => {
  it('says the share and the time per request of the database and the CPU, and the waiting, of the mean latency', () => {
    const result = sampleResult({
      latencyMs: { ...sampleResult().latencyMs, mean: 3.333 },
      cost: { databaseMsPerRequest: 2.1, cpuMsPerRequest: 0.9 },
    });
    expect(bottleneckLine(result)).toBe(
      'where the time goes: database 63% (2.100 ms/request), target CPU 27% (0.900 ms/request), waiting 10% of the 3.333 ms mean latency',
    );
  });

  it('says the waiting is mostly queueing when the target CPU was saturated', () => {
    const result = sampleResult({
      latencyMs: { ...sampleResult().latencyMs, mean: 10 },
      cost: { cpuMsPerRequest: 1 },
      cpuShares: { generator: 0.2, generatorCores: 1, target: 0.97, targetCores: 1, generatorBound: false },
    });
    expect(bottleneckLine(result)).toBe(
      "where the time goes: target CPU 10% (1.000 ms/request), waiting 90% (mostly queued for the target's CPU, 97% busy) of the 10.0 ms mean latency",
    );
  });

  it('says when database and CPU add up to more than the latency', () => {
    const result = sampleResult({
      latencyMs: { ...sampleResult().latencyMs, mean: 1 },
      cost: { databaseMsPerRequest: 1, cpuMsPerRequest: 1 },
    });
    expect(bottleneckLine(result)).toMatch(
      /database 50% .* target CPU 50% .*, of their sum: together more than the 1\.000 ms mean latency/,
    );
  });

  it('says nothing where neither was measured', () => {
    expect(bottleneckLine(sampleResult({}))).toBeUndefined();
  });
});

describe('planFlagLines', () => {
  it('gives one line per flag, naming the statement shortened', () => {
    const query = `SELECT id, email, name, created_at FROM users WHERE lower(email) = lower($1) ORDER BY created_at`;
    const lines = planFlagLines({
      queries: {
        queriesPerRequest: 1,
        statements: [],
        plans: [
          {
            query,
            kind: 'generic',
            text: 'Seq Scan on users',
            flags: [{ kind: 'seq-scan-large-table', message: 'sequential scan over users' }],
          },
          { query: 'SELECT 1', kind: 'generic', flags: [], error: 'could not determine data type of parameter $1' },
        ],
      },
    });
    expect(lines).toEqual([`plan of ${query.slice(0, 60)}…: sequential scan over users`]);
  });
});
