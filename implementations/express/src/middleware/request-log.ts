import { requestLogLevel, requestLogMessage, type LogDestination, type RequestLogFields } from '@lab/node-backend';
import type { Request, RequestHandler, Response } from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * pino-http, writing one line per request when the response is done, with the same level,
 * destination and fields as Fastify's request logger on the same route.
 */
export function requestLog(destination: LogDestination | undefined): RequestHandler {
  // Without a destination, pino writes to standard output, as Fastify's logger does.
  const logger = destination ? pino({ level: requestLogLevel }, destination) : pino({ level: requestLogLevel });
  return pinoHttp<Request, Response>({
    logger,
    // Bind only the request id to the request's logger, as Fastify does, not the whole request.
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessMessage: () => requestLogMessage,
    customSuccessObject: (req, res, { responseTime }: { responseTime: number }): RequestLogFields => ({
      method: req.method,
      url: req.originalUrl,
      statusCode: res.statusCode,
      responseTime,
      userId: res.locals['userId'] as number,
    }),
  });
}
