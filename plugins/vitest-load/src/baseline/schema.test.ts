import { describe, expect, it } from 'vitest';
import { sampleBaselineEntry } from '../testing/sample-result.ts';
import { baselineFileSchema } from './schema.ts';

const entry = sampleBaselineEntry();
const file = {
  formatVersion: 1,
  suite: 'bench/basic/01-health.load.ts',
  scenarios: { 'GET /health': { fastify: entry } },
};

const problemPaths = (value: unknown): string[] => {
  const parsed = baselineFileSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('baseline file schema', () => {
  it('accepts a complete file', () => {
    expect(problemPaths(file)).toEqual([]);
  });

  it('rejects negative latencies, fractional counts and an error rate above 1', () => {
    const broken = structuredClone(file);
    const target = broken.scenarios['GET /health'].fastify;
    target.latencyMs.p99 = -1;
    target.requests = 1.5;
    target.errorRate = 2;
    expect(problemPaths(broken)).toEqual([
      'scenarios.GET /health.fastify.latencyMs.p99',
      'scenarios.GET /health.fastify.requests',
      'scenarios.GET /health.fastify.errorRate',
    ]);
  });

  it('rejects unknown fields, so a typo in a hand edit is not silently ignored', () => {
    const broken = structuredClone(file) as typeof file & {
      scenarios: { 'GET /health': { fastify: { latencyMS?: unknown } } };
    };
    broken.scenarios['GET /health'].fastify.latencyMS = {};
    expect(problemPaths(broken)).toEqual(['scenarios.GET /health.fastify']);
  });

  it('rejects a status code that is not three digits and a date that is not ISO 8601', () => {
    const broken = structuredClone(file) as unknown as {
      scenarios: Record<string, Record<string, Record<string, unknown>>>;
    };
    broken.scenarios['GET /health']!.fastify!.statusCodes = { ok: 100 };
    broken.scenarios['GET /health']!.fastify!.recordedAt = 'yesterday';
    expect(problemPaths(broken)).toEqual([
      'scenarios.GET /health.fastify.recordedAt',
      'scenarios.GET /health.fastify.statusCodes.ok',
    ]);
  });
});
