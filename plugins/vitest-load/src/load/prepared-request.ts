import type { LoadRequest } from './load-request.ts';

/** A request as the load generator sends it: static parts serialised once, headers complete. */
export interface PreparedRequest {
  name: string;
  method: LoadRequest['method'];
  /** The path, or a function giving one per request. */
  path: string | (() => string);
  headers: Record<string, string>;
  /** The body, or a function giving one per request (already serialised). */
  body: string | Buffer | (() => string | Buffer) | undefined;
  weight: number;
  isExpectedStatus: (status: number) => boolean;
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

export function prepareRequest(request: LoadRequest): PreparedRequest {
  const headers: Record<string, string> = { ...request.headers };
  const raw = request.body;
  const isRaw = (value: unknown): value is string | Buffer => typeof value === 'string' || Buffer.isBuffer(value);
  const serialise = (value: unknown): string | Buffer => (isRaw(value) ? value : JSON.stringify(value));
  let body: PreparedRequest['body'];
  if (typeof raw === 'function') body = () => serialise((raw as () => unknown)());
  else if (raw !== undefined) body = serialise(raw);
  // A body function is taken to give JSON; one giving raw bytes sets its own content type.
  if (raw !== undefined && !isRaw(raw) && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const path = typeof request.path === 'function' ? (request.path as () => string) : request.path;
  const expected = request.expectStatus ? new Set(request.expectStatus) : undefined;
  return {
    name: request.name ?? `${request.method} ${typeof path === 'string' ? path : '(varying path)'}`,
    method: request.method,
    path,
    headers,
    body,
    weight: request.weight,
    isExpectedStatus: expected ? (status) => expected.has(status) : isSuccess,
  };
}
