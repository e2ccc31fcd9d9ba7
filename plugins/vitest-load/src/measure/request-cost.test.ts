import { describe, expect, it } from 'vitest';
import { requestCost } from './request-cost.ts';

describe('requestCost', () => {
  it('divides the CPU time and the statement calls of pooled rounds by their requests together', () => {
    const cost = requestCost([
      { requests: 1000, cpuSeconds: 0.5, statementCalls: { 'SELECT 1': 1000, 'SELECT 2': 100 } },
      { requests: 3000, cpuSeconds: 1.5, statementCalls: { 'SELECT 1': 3000 } },
    ]);
    expect(cost?.cpuMsPerRequest).toBeCloseTo(0.5);
    expect(cost?.statementsPerRequest).toBeCloseTo(1.025);
    expect(cost?.statements).toEqual({ 'SELECT 1': 1, 'SELECT 2': 0.025 });
  });

  it("divides the statements' execution time of pooled rounds by their requests together", () => {
    const cost = requestCost([
      { requests: 1000, statementCalls: { 'SELECT 1': 1000 }, databaseMs: 500 },
      { requests: 3000, statementCalls: { 'SELECT 1': 3000 }, databaseMs: 3500 },
    ]);
    expect(cost?.databaseMsPerRequest).toBeCloseTo(1);
  });

  it('leaves a figure out when a round could not count it, rather than pooling a part', () => {
    const cost = requestCost([{ requests: 10, cpuSeconds: 0.1 }, { requests: 10 }]);
    expect(cost).toBeUndefined();
  });

  it('has no cost for a load without answered requests', () => {
    expect(requestCost([{ requests: 0, cpuSeconds: 1 }])).toBeUndefined();
  });
});
