import { errorMessages, errorResponse, HttpError } from '@lab/contract';
import { databaseInputError, retryableDatabaseError } from '@lab/node-backend';
import { Catch, HttpException, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

export interface ContractError {
  statusCode: number;
  message: string;
  headers?: Readonly<Record<string, string>>;
}

/** What the platforms' own errors carry: http-errors (body-parser, Express's router) or Fastify's. */
interface PlatformError extends Error {
  status?: unknown;
  statusCode?: unknown;
  /** body-parser's kind of error. */
  type?: unknown;
  /** Fastify's kind of error. */
  code?: unknown;
}

// The contract fixes the message of the body parsers' errors it names, on either platform.
const messageByKind: Readonly<Record<string, string>> = {
  'entity.parse.failed': errorMessages.invalidJson,
  'entity.too.large': errorMessages.bodyTooLarge,
  FST_ERR_CTP_INVALID_JSON_BODY: errorMessages.invalidJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: errorMessages.emptyJsonBody,
  FST_ERR_CTP_BODY_TOO_LARGE: errorMessages.bodyTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: errorMessages.unsupportedMediaType,
};

function clientStatus(error: PlatformError): number | undefined {
  const status = typeof error.statusCode === 'number' ? error.statusCode : error.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The contract's status, message and headers for anything a request can throw. `routeNotFound`
 * words Nest's NotFoundException, which only its router throws here (a missing user is the
 * contract's own HttpError).
 */
export function toContractError(exception: unknown, routeNotFound: () => string): ContractError {
  // Nest's adapters hand the platforms' own errors (body-parser's, Express's router's, Fastify's)
  // to the filters as an HttpException whose cause is the original, which says what went wrong.
  const error = exception instanceof HttpException && exception.cause instanceof Error ? exception.cause : exception;
  // The contract's own errors (a 401 with its challenge, an upstream's 502 or 504, ...) as they are.
  if (error instanceof HttpError) return error;
  const overload = retryableDatabaseError(error);
  if (overload) return overload;
  const badText = databaseInputError(error);
  if (badText) return badText;
  if (error instanceof NotFoundException) return { statusCode: 404, message: routeNotFound() };
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    if (statusCode >= 400 && statusCode < 500) return { statusCode, message: error.message };
  } else if (error instanceof Error) {
    const platformError = error as PlatformError;
    const statusCode = clientStatus(platformError);
    if (statusCode !== undefined) {
      const { type, code } = platformError;
      const kind = typeof type === 'string' ? type : typeof code === 'string' ? code : undefined;
      return { statusCode, message: (kind !== undefined ? messageByKind[kind] : undefined) ?? error.message };
    }
  }
  return { statusCode: 500, message: errorMessages.internal };
}

/**
 * The global exception filter: every error, thrown by a guard, pipe, middleware, handler or by
 * the platform's body parser and router, answered in the contract's shape
 * `{ statusCode, error, message }` through the HTTP adapter, so that it serves both platforms.
 */
@Catch()
export class ContractExceptionFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const request: unknown = http.getRequest();
    const response: unknown = http.getResponse();
    const { statusCode, message, headers } = toContractError(exception, () =>
      errorMessages.routeNotFound(httpAdapter.getRequestMethod(request), httpAdapter.getRequestUrl(request)),
    );
    // With request logging off, an unexpected failure would otherwise leave no trace.
    if (statusCode === 500) console.error(exception);
    for (const [name, value] of Object.entries(headers ?? {})) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, errorResponse(statusCode, message), statusCode);
  }
}
