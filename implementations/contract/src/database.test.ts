import { describe, expect, it } from 'vitest';
import { databaseBusyMessage, poolExhaustedError, poolExhaustedMessage } from './database.ts';
import { HttpError } from './errors.ts';

describe('poolExhaustedError', () => {
  it("makes pg-pool's queue timeout a 503 saying the pool is exhausted, with retry-after", () => {
    const error = poolExhaustedError(new Error('timeout exceeded when trying to connect'));
    expect(error).toBeInstanceOf(HttpError);
    expect({ ...error, message: error?.message }).toMatchObject({ statusCode: 503, message: poolExhaustedMessage, headers: { 'retry-after': '1' } });
  });

  it.each(['Connection terminated due to connection timeout', 'timeout expired'])('makes a connection opened too slowly (%s) a 503 saying the database is busy', (message) => {
    expect(poolExhaustedError(new Error(message))).toMatchObject({ statusCode: 503, message: databaseBusyMessage });
  });

  it.each([new Error('connect ECONNREFUSED 127.0.0.1:9'), new Error('relation "x" does not exist'), 'timeout exceeded when trying to connect', undefined])(
    'leaves anything else (%s) to the error handler, which makes it a 500',
    (error) => {
      expect(poolExhaustedError(error)).toBeUndefined();
    },
  );
});
