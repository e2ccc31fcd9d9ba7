import { describe, expect, it } from 'vitest';
import { Measurement } from './measurement.ts';

const ok = (status: number): boolean => status >= 200 && status < 300;

describe('Measurement', () => {
  it('turns counts into rates over the measured time', () => {
    const measurement = new Measurement([{ name: 'GET /', isExpectedStatus: ok }]);
    for (let i = 0; i < 1000; i++) measurement.recordResponse(0, 200, 50, 1);
    const result = measurement.summarize({ elapsedSeconds: 2, sent: 1004, transportErrors: 0, timeouts: 0 });
    expect(result.requests).toBe(1000);
    expect(result.requestsPerSecond).toBe(500);
    expect(result.bytesPerSecond).toBe(25_000);
    expect(result.errorRate).toBe(0);
    expect(result.unanswered).toBe(4);
    expect(result.byRequest).toBeUndefined();
    measurement.destroy();
  });

  it('counts unexpected statuses and transport errors as failed requests', () => {
    const measurement = new Measurement([{ name: 'GET /', isExpectedStatus: ok }]);
    for (let i = 0; i < 80; i++) measurement.recordResponse(0, 200, 10, 1);
    for (let i = 0; i < 10; i++) measurement.recordResponse(0, 500, 10, 1);
    const result = measurement.summarize({ elapsedSeconds: 1, sent: 100, transportErrors: 10, timeouts: 4 });
    expect(result.errors).toBe(20);
    expect(result.timeouts).toBe(4);
    expect(result.errorRate).toBeCloseTo(20 / 100);
    expect(result.statusCodes).toEqual({ 200: 80, 500: 10 });
    measurement.destroy();
  });

  it('keeps the figures of each kind of a mix apart, judging each by its own expected statuses', () => {
    const measurement = new Measurement([
      { name: 'get user', isExpectedStatus: ok },
      { name: 'missing user', isExpectedStatus: (status) => status === 404 },
    ]);
    for (let i = 0; i < 90; i++) measurement.recordResponse(0, 200, 100, 2);
    for (let i = 0; i < 10; i++) measurement.recordResponse(1, 404, 20, 0.5);
    measurement.recordResponse(1, 200, 20, 0.5);
    const result = measurement.summarize({ elapsedSeconds: 1, sent: 101, transportErrors: 0, timeouts: 0 });
    expect(result.errors).toBe(1);
    expect(result.byRequest?.['get user']).toMatchObject({ requests: 90, errors: 0, statusCodes: { 200: 90 } });
    expect(result.byRequest?.['missing user']).toMatchObject({
      requests: 11,
      errors: 1,
      statusCodes: { 404: 10, 200: 1 },
    });
    expect(result.byRequest?.['get user']?.latencyMs.p50).toBeCloseTo(2, 2);
    expect(result.byRequest?.['missing user']?.latencyMs.p50).toBeCloseTo(0.5, 2);
    measurement.destroy();
  });
});
