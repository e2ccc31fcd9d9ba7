import { describe, expect, it } from 'vitest';
import { vegetaAttackArguments, vegetaRate } from './vegeta-arguments.ts';

describe('vegetaAttackArguments', () => {
  it('turns an open model into an arrival rate with bounded workers and connections', () => {
    const args = vegetaAttackArguments({
      targetsFile: '/tmp/t.jsonl',
      rate: 250,
      connections: 100,
      seconds: 3,
      timeoutSeconds: 10,
    });
    expect(args).toEqual([
      'attack',
      '-format=json',
      '-targets=/tmp/t.jsonl',
      '-rate=250/1s',
      '-max-workers=10000',
      '-max-connections=100',
      '-duration=3s',
      '-timeout=10s',
      '-redirects=-1',
      '-max-body=0',
      '-http2=false',
    ]);
  });

  it('turns a closed model into exactly that many workers at an unlimited rate', () => {
    const args = vegetaAttackArguments({ targetsFile: 't', connections: 8, seconds: 0.5, timeoutSeconds: 2 });
    expect(args).toContain('-rate=0');
    expect(args).toContain('-workers=8');
    expect(args).toContain('-max-workers=8');
    expect(args).toContain('-max-connections=8');
    expect(args).toContain('-duration=0.5s');
  });
});

describe('vegetaRate', () => {
  it('writes a whole rate per second and a fractional one per 1000 s', () => {
    expect(vegetaRate(50)).toBe('50/1s');
    expect(vegetaRate(2.5)).toBe('2500/1000s');
  });
});
