import { describe, expect, it } from 'vitest';
import { LoadOptionsError, parseCompareTargetsOptions, parseLoadSuiteOptions } from './options.ts';

const target = { name: 'express', command: 'node', args: ['dist/server.js'] };

function errorMessage(input: unknown): string {
  try {
    parseLoadSuiteOptions('GET /health', input);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadOptionsError);
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
}

describe('parseLoadSuiteOptions', () => {
  it('takes `profile: true` and rejects anything but a boolean, naming the option', () => {
    expect(
      parseLoadSuiteOptions('GET /health', { targets: [target], request: { path: '/' }, profile: true }).profile,
    ).toBe(true);
    expect(errorMessage({ targets: [target], request: { path: '/' }, profile: 'yes' })).toMatch(/option "profile"/);
  });

  it('fills in the documented defaults', () => {
    const options = parseLoadSuiteOptions('GET /health', { targets: [target], request: { path: '/health' } });
    expect(options.connections).toBe(10);
    expect(options.warmup).toBe(1);
    expect(options.duration).toBe(3);
    expect(options.rounds).toEqual({ min: 3, max: 10 });
    expect(options.stages).toBeUndefined();
    expect(options.profile).toBe(false);
    expect(options.gate).toEqual({
      maxP95Increase: 0.1,
      statements: 'fail',
      duet: 0.5,
      maxErrorRate: 0,
      noiseFloor: 0.03,
      baselineNoiseFloor: 0.1,
      confidence: 0.95,
      inconclusive: 'warn',
    });
    expect(options.requests).toEqual([{ method: 'GET', path: '/health', headers: {}, weight: 1 }]);
    expect(options.targets[0]).toMatchObject({
      healthPath: '/health',
      startupTimeout: 30,
      stopGracePeriod: 5,
      env: {},
    });
  });

  it('turns a rate into a one-stage open model with room for queued requests', () => {
    const options = parseLoadSuiteOptions('GET /health', {
      targets: [target],
      request: { path: '/health' },
      rate: 500,
      duration: '4s',
    });
    expect(options.stages).toEqual([{ duration: 4, rate: 500 }]);
    expect(options.connections).toBe(100);
    expect(options.duration).toBe(4);
  });

  it('measures a round of stages for as long as they last together', () => {
    const options = parseLoadSuiteOptions('spike', {
      targets: [target],
      request: { path: '/' },
      stages: [
        { duration: '2s', rate: 100 },
        { duration: 1, rate: 1000 },
      ],
    });
    expect(options.duration).toBe(3);
  });

  it('refuses a rate beside stages, and a range of rounds whose min is above its max', () => {
    expect(
      errorMessage({ targets: [target], request: { path: '/' }, rate: 10, stages: [{ duration: 1, rate: 5 }] }),
    ).toContain('option "stages": give either "rate" or "stages", not both');
    expect(errorMessage({ targets: [target], request: { path: '/' }, rounds: { min: 5, max: 3 } })).toContain(
      'option "rounds": min must not be above max',
    );
    expect(errorMessage({ targets: [target], request: { path: '/' }, gate: { inconclusive: 'ignore' } })).toContain(
      'option "gate.inconclusive"',
    );
  });

  it('takes a number of rounds as exactly that many', () => {
    expect(parseLoadSuiteOptions('x', { targets: [target], request: { path: '/' }, rounds: 4 }).rounds).toEqual({
      min: 4,
      max: 4,
    });
  });

  it('accepts durations and thresholds written for humans', () => {
    const options = parseLoadSuiteOptions('echo', {
      targets: [target],
      requests: [{ method: 'POST', path: '/echo', body: { a: 1 } }],
      warmup: '500ms',
      duration: '3s',
      gate: { maxP95Increase: '25%', maxP95Ms: 5, maxErrorRate: '1%' },
    });
    expect(options.warmup).toBe(0.5);
    expect(options.duration).toBe(3);
    expect(options.gate.maxP95Increase).toBeCloseTo(0.25);
    expect(options.gate.maxErrorRate).toBeCloseTo(0.01);
  });

  it('names a misspelt option', () => {
    expect(errorMessage({ targets: [target], request: { path: '/' }, conections: 5 })).toContain(
      'option "conections" is not a known option',
    );
  });

  it('names a nested option with a wrong value and says what it expected', () => {
    const message = errorMessage({ targets: [target], request: { path: '/' }, duration: 'five seconds' });
    expect(message).toContain('option "duration"');
    expect(message).toContain('"3s"');
  });

  it('names the index of a bad target', () => {
    expect(errorMessage({ targets: [target, { name: 'fastify' }], request: { path: '/' } })).toContain(
      'option "targets[1].command"',
    );
  });

  it('asks for exactly one of request and requests', () => {
    expect(errorMessage({ targets: [target] })).toContain('option "request": give either "request" or "requests"');
    expect(errorMessage({ targets: [target], request: { path: '/' }, requests: [{ path: '/' }] })).toContain(
      'exactly one',
    );
  });

  it('refuses a path without its leading slash and two targets of one name', () => {
    expect(errorMessage({ targets: [target], request: { path: 'health' } })).toContain(
      'option "request.path": must start with "/"',
    );
    expect(errorMessage({ targets: [target, target], request: { path: '/' } })).toContain(
      'two targets are named "express"',
    );
  });

  it('accepts a weighted mix whose paths vary per request', () => {
    const options = parseLoadSuiteOptions('mix', {
      targets: [target],
      requests: [
        { name: 'one user', path: () => `/users/${1 + Math.floor(Math.random() * 10)}`, weight: 3 },
        { name: 'list', path: '/users?limit=10' },
      ],
    });
    expect(options.requests.map((request) => request.weight)).toEqual([3, 1]);
    expect(typeof options.requests[0]!.path).toBe('function');
  });

  it('names a hook that is not a function', () => {
    expect(errorMessage({ targets: [target], request: { path: '/' }, afterLoad: 'check rows' })).toContain(
      'option "afterLoad": must be a function',
    );
  });

  it('names the suite in the message', () => {
    expect(errorMessage({})).toMatch(/^bench\.load\("GET \/health"\) has invalid options/);
  });
});

describe('stages and faults', () => {
  const base = { targets: [target], request: { path: '/' } };
  const spike = [
    { duration: '2s', connections: 10 },
    { duration: '2s', connections: 100 },
    { duration: '2s', connections: 10 },
  ];

  it('takes stages of connections as a closed model that opens its largest stage', () => {
    const options = parseLoadSuiteOptions('spike', { ...base, stages: spike });
    expect(options.stages).toEqual([
      { duration: 2, connections: 10 },
      { duration: 2, connections: 100 },
      { duration: 2, connections: 10 },
    ]);
    expect(options.duration).toBe(6);
    expect(options.connections).toBe(100);
  });

  it('names the stage field that mixes the two models', () => {
    expect(
      errorMessage({
        ...base,
        stages: [
          { duration: 1, connections: 10 },
          { duration: 1, rate: 100 },
        ],
      }),
    ).toContain(
      'option "stages[1].rate": the stages are a closed model (stages[0] gives "connections"): give "connections" in every stage, not "rate"',
    );
    expect(
      errorMessage({
        ...base,
        stages: [
          { duration: 1, rate: 10 },
          { duration: 1, connections: 100 },
        ],
      }),
    ).toContain('option "stages[1].connections": the stages are an open model');
    expect(errorMessage({ ...base, stages: [{ duration: 1, rate: 10, connections: 5 }] })).toContain(
      'option "stages[0].connections": a stage gives "rate" (open model) or "connections" (closed model), not both',
    );
    expect(errorMessage({ ...base, stages: [{ duration: 1 }] })).toContain('option "stages[0]": give "rate"');
    expect(errorMessage({ ...base, stages: [{ duration: 1, connections: 0.5 }] })).toContain(
      'option "stages[0].connections"',
    );
    expect(errorMessage({ ...base, connections: 5, stages: spike })).toContain(
      'option "connections": give either "connections" or stages with "connections", not both',
    );
  });

  it("takes a service fault and a fault of the suite's own, timed in seconds", () => {
    const start = (): void => {};
    const options = parseLoadSuiteOptions('faults', {
      ...base,
      rate: 200,
      duration: '8s',
      faults: [
        { service: 'postgres', at: '2s', duration: '2s' },
        { name: 'upstream stalls', at: 5, duration: '1s', start, end: start },
      ],
      gate: { maxRecoverySeconds: 2 },
    });
    expect(options.faults).toEqual([
      { kind: 'service', service: 'postgres', name: 'postgres stopped', at: 2, duration: 2 },
      { kind: 'hooks', name: 'upstream stalls', at: 5, duration: 1, start, end: start },
    ]);
    expect(options.recovery).toEqual({ factor: 2, windows: 5 });
    expect(options.gate.maxRecoverySeconds).toBe(2);
  });

  it('refuses faults at the start, past the end, overlapping, or half described', () => {
    const load = { ...base, rate: 100, duration: 5 };
    expect(errorMessage({ ...load, faults: [{ service: 'postgres', at: 0, duration: 1 }] })).toContain(
      'option "faults[0].at": must be after the load starts',
    );
    expect(errorMessage({ ...load, faults: [{ service: 'postgres', at: 3, duration: 2 }] })).toContain(
      'option "faults[0].duration": the fault must end before the measured load does (at 5 s)',
    );
    expect(
      errorMessage({
        ...load,
        faults: [
          { service: 'redis', at: 2, duration: 1 },
          { service: 'postgres', at: 1, duration: 1.5 },
        ],
      }),
    ).toContain('option "faults[0].at": overlaps faults[1]');
    expect(errorMessage({ ...load, faults: [{ name: 'stall', at: 1, duration: 1, start: () => {} }] })).toContain(
      'option "faults[0].end": give "service"',
    );
    expect(errorMessage({ ...load, faults: [{ service: 'mysql', at: 1, duration: 1 }] })).toContain(
      'option "faults[0].service"',
    );
    expect(errorMessage({ ...load, faults: [{ service: 'postgres', at: 1, duration: 1, end: () => {} }] })).toContain(
      'option "faults[0].end": a service fault stops and starts "postgres" itself',
    );
  });
});

describe('parseCompareTargetsOptions', () => {
  const two = [
    { name: 'express', command: 'node', args: ['express.js'] },
    { name: 'fastify', command: 'node', args: ['fastify.js'] },
  ];

  it('takes one load for every target and claims between them, marked as a comparison of targets', () => {
    const options = parseCompareTargetsOptions('01', {
      targets: two,
      request: { path: '/health' },
      expect: [{ faster: 'fastify', than: 'express', by: 1.2 }],
    });
    expect(options.acrossTargets).toBe(true);
    expect(options.requests).toHaveLength(1);
    expect(options.expect).toEqual([{ faster: 'fastify', than: 'express', by: 1.2, figure: 'p95' }]);
  });

  it('names a claim about a target that is not there, and asks for two targets', () => {
    expect(() =>
      parseCompareTargetsOptions('01', {
        targets: two,
        request: { path: '/' },
        expect: [{ faster: 'koa', than: 'express' }],
      }),
    ).toThrow('option "expect[0].faster": "koa" is not one of the targets (express, fastify)');
    expect(() => parseCompareTargetsOptions('01', { targets: two.slice(0, 1), request: { path: '/' } })).toThrow(
      'option "targets": name at least two targets to compare',
    );
  });
});
