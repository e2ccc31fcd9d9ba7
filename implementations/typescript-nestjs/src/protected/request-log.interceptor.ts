import { requestLogMessage, type RequestLogFields } from '@lab/node-backend';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../common/authenticated-request.js';
import { REQUEST_LOGGER } from '../infrastructure/tokens.js';

/** Express's response is Node's; Fastify's reply wraps it as `raw`. */
function nodeResponse(response: ServerResponse | { raw: ServerResponse }): ServerResponse {
  return 'raw' in response ? response.raw : response;
}

let requests = 0;

/**
 * Scenario 06's request log: one pino JSON line per request, written when its response is done,
 * with the same fields as the other implementations'. An interceptor runs after the guards and
 * before the pipes, which is the chain's order (authentication, logging, validation): a request
 * the guard refuses is not logged, one that fails validation is.
 */
@Injectable()
export class RequestLogInterceptor implements NestInterceptor {
  constructor(
    @Inject(REQUEST_LOGGER) private readonly logger: Logger,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = nodeResponse(http.getResponse());
    const started = performance.now();
    // A request id on the line, as Fastify's logger and pino-http bind one, numbered as Fastify does.
    requests += 1;
    const reqId = `req-${requests.toString(36)}`;
    const { httpAdapter } = this.adapterHost;
    response.once('finish', () => {
      const fields: RequestLogFields = {
        method: httpAdapter.getRequestMethod(request),
        url: httpAdapter.getRequestUrl(request),
        statusCode: response.statusCode,
        responseTime: performance.now() - started,
        // The guard ran first: only an authenticated request gets here.
        userId: request.userId!,
      };
      this.logger.info({ reqId, ...fields }, requestLogMessage);
    });
    return next.handle();
  }
}
