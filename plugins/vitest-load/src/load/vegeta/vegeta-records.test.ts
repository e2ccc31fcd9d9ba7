import { describe, expect, it } from 'vitest';
import type { ResponseRecorder } from '../../measure/measurement.ts';
import { parseVegetaRecord, VegetaTally } from './vegeta-records.ts';

const line = (fields: object): string =>
  JSON.stringify({
    attack: '',
    seq: 0,
    code: 200,
    timestamp: '2026-12-07T21:31:50.141807064Z',
    latency: 1_500_000,
    bytes_out: 0,
    bytes_in: 0,
    error: '',
    body: null,
    method: 'GET',
    url: 'http://127.0.0.1:1/a#vitest-load-kind=1',
    headers: { 'Content-Length': ['15'] },
    ...fields,
  });

describe('parseVegetaRecord', () => {
  it('reads kind, status, latency in ms, bytes from Content-Length and the start time', () => {
    expect(parseVegetaRecord(line({}), 'r')).toEqual({
      kind: 1,
      status: 200,
      latencyMs: 1.5,
      bytes: 15,
      startedAtMs: Date.parse('2026-12-07T21:31:50.141Z'),
      error: '',
    });
  });

  it('reads a request that got no response as status 0 with its error, and no headers as no bytes', () => {
    const record = parseVegetaRecord(line({ code: 0, headers: null, error: 'connection refused' }), 'r');
    expect(record).toMatchObject({ status: 0, bytes: 0, error: 'connection refused' });
  });

  it('names the line of a record it cannot read', () => {
    expect(() => parseVegetaRecord('{oops', 'results.bin line 3')).toThrow('results.bin line 3: not a JSON result');
    expect(() => parseVegetaRecord(line({ url: 'http://h/a' }), 'line 4')).toThrow('line 4: a vegeta result needs');
  });
});

describe('VegetaTally', () => {
  it('records responses and failures as the built-in engine does and adds up the outcome', () => {
    const responses: Array<[number, number, number, number]> = [];
    const failures: number[] = [];
    const recorder: ResponseRecorder = {
      recordResponse: (...args) => void responses.push(args),
      recordFailure: (latencyMs) => void failures.push(latencyMs),
      responses: 0,
    };
    const tally = new VegetaTally(recorder);
    const start = Date.parse('2026-12-07T10:00:00Z');
    const at = (ms: number) => new Date(start + ms).toISOString();
    tally.record(parseVegetaRecord(line({ timestamp: at(0), latency: 2e6 }), 'a'));
    tally.record(parseVegetaRecord(line({ timestamp: at(500), code: 503, latency: 1e6 }), 'b'));
    tally.record(
      parseVegetaRecord(
        line({ timestamp: at(1000), code: 0, latency: 1e9, error: 'Client.Timeout exceeded while awaiting headers' }),
        'c',
      ),
    );
    tally.record(parseVegetaRecord(line({ timestamp: at(1200), code: 0, latency: 1e6, error: 'refused' }), 'd'));
    expect(responses).toEqual([
      [1, 200, 15, 2],
      [1, 503, 15, 1],
    ]);
    expect(failures).toEqual([1000, 1]);
    expect(tally.outcome(9)).toEqual({ elapsedSeconds: 2, sent: 4, transportErrors: 2, timeouts: 1 });
  });

  it('says the load lasted as long as asked when nothing was sent', () => {
    expect(new VegetaTally(undefined).outcome(3)).toEqual({
      elapsedSeconds: 3,
      sent: 0,
      transportErrors: 0,
      timeouts: 0,
    });
  });
});
