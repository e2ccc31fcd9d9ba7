import { describe, expect, it } from 'vitest';
import {
  databaseBusyMessage,
  databaseUnavailableMessage,
  poolExhaustedMessage,
  retryableDatabaseError,
} from './database.ts';
import { HttpError } from '@lab/contract';

describe('retryableDatabaseError', () => {
  it("makes pg-pool's queue timeout a 503 saying the pool is exhausted, with retry-after", () => {
    const error = retryableDatabaseError(new Error('timeout exceeded when trying to connect'));
    expect(error).toBeInstanceOf(HttpError);
    expect({ ...error, message: error?.message }).toMatchObject({
      statusCode: 503,
      message: poolExhaustedMessage,
      headers: { 'retry-after': '1' },
    });
  });

  it.each(['Connection terminated due to connection timeout', 'timeout expired'])(
    'makes a connection opened too slowly (%s) a 503 saying the database is busy',
    (message) => {
      expect(retryableDatabaseError(new Error(message))).toMatchObject({
        statusCode: 503,
        message: databaseBusyMessage,
      });
    },
  );

  it.each([
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('server closed the connection unexpectedly'), { code: '08006' }),
    new Error('Connection terminated unexpectedly'),
    new Error('Client has encountered a connection error and is not queryable'),
  ])(
    'makes a database that is away for a moment ($message) a 503 saying it is unavailable, with retry-after',
    (error) => {
      expect(retryableDatabaseError(error)).toMatchObject({
        statusCode: 503,
        message: databaseUnavailableMessage,
        headers: { 'retry-after': '1' },
      });
    },
  );

  it.each([
    Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }),
    new Error('relation "x" does not exist'),
    'timeout exceeded when trying to connect',
    undefined,
  ])('leaves anything else (%s) to the error handler, which makes it a 500', (error) => {
    expect(retryableDatabaseError(error)).toBeUndefined();
  });
});
