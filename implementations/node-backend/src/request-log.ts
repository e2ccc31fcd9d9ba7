// GET /protected's request log, the same in every implementation so that the logging costs the
// same: one pino JSON line per request, at this level, written when the response is done.

export const requestLogLevel = 'info';
export const requestLogMessage = 'request completed';

/** The fields of the line besides pino's own (level, time, pid, hostname, reqId, msg). */
export interface RequestLogFields {
  method: string;
  url: string;
  statusCode: number;
  /**
   * Milliseconds the request took, as each framework's logger times it: Fastify from the
   * request's arrival, in fractions; pino-http from its own step in the chain, in whole ms.
   */
  responseTime: number;
  userId: number;
}
