import { describe, expect, it } from 'vitest';
import { parseLoadSuiteOptions } from './options.ts';

const target = { name: 'express', command: 'node', args: ['dist/server.js'] };
const base = { targets: [target], request: { path: '/' } };

const messageOf = (input: object): string => {
  try {
    parseLoadSuiteOptions('GET /', input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the options to be rejected');
};

describe('the engine option', () => {
  it('is the built-in generator unless the suite asks for vegeta', () => {
    expect(parseLoadSuiteOptions('GET /', base).engine).toBe('built-in');
    expect(parseLoadSuiteOptions('GET /', { ...base, engine: 'vegeta', rate: 200 }).engine).toBe('vegeta');
    expect(parseLoadSuiteOptions('GET /', { ...base, engine: 'vegeta', connections: 8 }).engine).toBe('vegeta');
  });

  it('names the option when the engine is not one the plugin knows', () => {
    const message = messageOf({ ...base, engine: 'k6' });
    expect(message).toContain('option "engine"');
    expect(message).toContain('"vegeta"');
  });

  it('refuses stages and faults on vegeta, naming each option', () => {
    expect(
      messageOf({
        ...base,
        engine: 'vegeta',
        stages: [
          { duration: '1s', rate: 10 },
          { duration: '1s', rate: 20 },
        ],
      }),
    ).toContain('option "stages": the "vegeta" engine runs a steady load only');
    expect(messageOf({ ...base, engine: 'vegeta', stages: [{ duration: '2s', connections: 4 }] })).toContain(
      'option "stages"',
    );
    expect(
      messageOf({
        ...base,
        engine: 'vegeta',
        duration: '5s',
        faults: [{ service: 'redis', at: '1s', duration: '1s' }],
      }),
    ).toContain('option "faults": the "vegeta" engine cannot place responses');
  });

  it('takes one arrival-rate stage on vegeta, as it would a plain rate', () => {
    const options = parseLoadSuiteOptions('GET /', {
      ...base,
      engine: 'vegeta',
      stages: [{ duration: '2s', rate: 50 }],
    });
    expect(options.stages).toEqual([{ duration: 2, rate: 50 }]);
  });
});
