import { errorMessages, errorResponse, HttpError } from '@lab/contract';
import { databaseInputError, retryableDatabaseError } from '@lab/node-backend';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

interface ContractError {
  statusCode: number;
  message: string;
  headers?: Readonly<Record<string, string>>;
}

// Fastify's own errors carry codes; the contract fixes the message for each of them.
const messageByCode: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: errorMessages.invalidJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: errorMessages.emptyJsonBody,
  FST_ERR_CTP_BODY_TOO_LARGE: errorMessages.bodyTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: errorMessages.unsupportedMediaType,
};

function toContractError(error: FastifyError | HttpError): ContractError {
  // The contract's own errors (a 401, an upstream's 502 or 504, ...) are answered as they are.
  if (error instanceof HttpError) return error;
  const overload = retryableDatabaseError(error);
  if (overload) return overload;
  const badText = databaseInputError(error);
  if (badText) return badText;
  const statusCode = error.statusCode ?? 500;
  if (statusCode < 400 || statusCode >= 500) return { statusCode: 500, message: errorMessages.internal };
  // A validation error's message is already formatted by the contract's schemaErrorFormatter.
  if (error.validation) return { statusCode, message: error.message };
  return { statusCode, message: messageByCode[error.code] ?? error.message };
}

export function handleError(error: FastifyError | HttpError, _request: FastifyRequest, reply: FastifyReply) {
  const { statusCode, message, headers } = toContractError(error);
  // With request logging off, an unexpected failure would otherwise leave no trace.
  if (statusCode === 500) console.error(error);
  if (headers) reply.headers(headers);
  return reply.code(statusCode).send(errorResponse(statusCode, message));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(errorResponse(404, errorMessages.routeNotFound(request.method, request.url)));
}
