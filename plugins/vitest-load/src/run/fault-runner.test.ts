import { describe, expect, it } from 'vitest';
import { checkFaultsCanRun, runFaults } from './fault-runner.ts';
import type { FaultDefinition, LoadHookContext } from './hooks.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';
import { targetFixture } from '../testing/target-fixture.ts';

const context: LoadHookContext = {
  scenario: 's',
  target: 't',
  url: 'http://127.0.0.1:1',
  env: {},
  sidecars: { upstream: 'http://127.0.0.1:2' },
};

function recordingFault(
  name: string,
  at: number,
  duration: number,
  events: string[],
  failStart = false,
): FaultDefinition {
  return {
    kind: 'hooks',
    name,
    at,
    duration,
    start: async (hook) => {
      events.push(`${name} start ${hook.sidecars.upstream}`);
      if (failStart) throw new Error('stub refused');
    },
    end: async () => void events.push(`${name} end`),
  };
}

function clock(events: string[]) {
  return {
    faultStarted: (index: number) => events.push(`clock ${index} started`),
    faultEnded: (index: number) => events.push(`clock ${index} ended`),
  };
}

describe('runFaults', () => {
  it('starts and ends each fault in order, telling the clock when each really began and ended', async () => {
    const events: string[] = [];
    const run = runFaults(
      [recordingFault('a', 0.01, 0.01, events), recordingFault('b', 0.03, 0.01, events)],
      context,
      { env: {}, descriptions: [] },
      clock(events),
    );
    await run.finished;
    expect(events).toEqual([
      'clock 0 started',
      'a start http://127.0.0.1:2',
      'a end',
      'clock 0 ended',
      'clock 1 started',
      'b start http://127.0.0.1:2',
      'b end',
      'clock 1 ended',
    ]);
    expect(run.failures).toEqual([]);
  });

  it('ends a fault whose start failed, and reports the failure', async () => {
    const events: string[] = [];
    const run = runFaults(
      [recordingFault('stall', 0.01, 0.01, events, true)],
      context,
      { env: {}, descriptions: [] },
      clock(events),
    );
    await run.finished;
    expect(events).toContain('stall end');
    expect(run.failures).toEqual(['fault "stall" could not start: stub refused']);
  });

  it('ends the fault under way at once when cancelled, and never begins the ones still to come', async () => {
    const events: string[] = [];
    const run = runFaults(
      [recordingFault('a', 0.01, 60, events), recordingFault('b', 120, 1, events)],
      context,
      { env: {}, descriptions: [] },
      clock(events),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await run.cancel();
    expect(events).toEqual(['clock 0 started', 'a start http://127.0.0.1:2', 'a end', 'clock 0 ended']);
  });
});

describe('checkFaultsCanRun', () => {
  const target: TargetDefinition = targetFixture({ name: 'express', command: 'node', services: ['postgres'] });
  const stopPostgres: FaultDefinition = {
    kind: 'service',
    service: 'postgres',
    name: 'postgres stopped',
    at: 1,
    duration: 1,
  };
  const provided = { env: {}, descriptions: [], control: { port: 1, token: 'x' } };

  it('refuses a service the target does not use, the container runtime, and a run without the control channel', () => {
    expect(() => checkFaultsCanRun([{ ...stopPostgres, service: 'redis' }], target, 'process', provided)).toThrow(
      'option "faults[0].service": target "express" does not use "redis"',
    );
    expect(() => checkFaultsCanRun([stopPostgres], target, 'container', provided)).toThrow('needs the process runtime');
    expect(() => checkFaultsCanRun([stopPostgres], target, 'process', { env: {}, descriptions: [] })).toThrow(
      'its services were not started by vitest-load as processes',
    );
    expect(() => checkFaultsCanRun([stopPostgres], target, 'process', provided)).not.toThrow();
  });
});
