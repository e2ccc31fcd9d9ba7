import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

/** A request as the guards leave it: the platform's request, with who was let in. */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  /** Set by a guard once the credential is valid. */
  userId?: number;
  /** Set by SessionGuard: the session the request was let in with. */
  sessionId?: string;
}

function requestOf(context: ExecutionContext): AuthenticatedRequest {
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** The user id a guard has authenticated on this route. */
export const AuthenticatedUserId = createParamDecorator((_data: unknown, context: ExecutionContext): number => {
  const { userId } = requestOf(context);
  if (userId === undefined) throw new Error('@AuthenticatedUserId() needs a guard that authenticates the request');
  return userId;
});

/** The session SessionGuard has let the request in with. */
export const SessionId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { sessionId } = requestOf(context);
  if (sessionId === undefined) throw new Error('@SessionId() needs SessionGuard on the route');
  return sessionId;
});
