import { errorMessages, errorResponse, HttpError } from '@lab/contract';
import { databaseInputError, retryableDatabaseError } from '@lab/node-backend';
import type { ErrorRequestHandler, RequestHandler } from 'express';

interface ContractError {
  statusCode: number;
  message: string;
  headers?: Readonly<Record<string, string>>;
}

/** An http-errors error (body-parser, raw-body): a 4xx status marks the client's fault. */
interface ClientError extends Error {
  status: number;
  type?: string;
}

function isClientError(error: unknown): error is ClientError {
  const status: unknown = (error as Partial<ClientError> | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

// body-parser's errors carry a type; the contract fixes the message for the ones it names.
const messageByType: Readonly<Record<string, string>> = {
  'entity.parse.failed': errorMessages.invalidJson,
  'entity.too.large': errorMessages.bodyTooLarge,
};

function toContractError(error: unknown): ContractError {
  // The contract's own errors (a 401, an upstream's 502 or 504, ...) are answered as they are.
  if (error instanceof HttpError) return error;
  const overload = retryableDatabaseError(error);
  if (overload) return overload;
  const badText = databaseInputError(error);
  if (badText) return badText;
  if (isClientError(error)) {
    const message = error.type === undefined ? undefined : messageByType[error.type];
    return { statusCode: error.status, message: message ?? error.message };
  }
  return { statusCode: 500, message: errorMessages.internal };
}

// Express knows an error handler by its four parameters, so `_next` stays.
export const handleError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const { statusCode, message, headers } = toContractError(error);
  // With request logging off, an unexpected failure would otherwise leave no trace.
  if (statusCode === 500) console.error(error);
  if (headers) res.set(headers);
  res.status(statusCode).json(errorResponse(statusCode, message));
};

export const handleNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorResponse(404, errorMessages.routeNotFound(req.method, req.originalUrl)));
};
