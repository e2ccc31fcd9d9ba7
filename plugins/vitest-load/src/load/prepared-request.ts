import type { LoadRequest } from '../suite/options.ts';

/** A request as the load generator sends it: body serialised once, headers complete. */
export interface PreparedRequest {
  method: LoadRequest['method'];
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  isExpectedStatus: (status: number) => boolean;
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

export function prepareRequest(request: LoadRequest): PreparedRequest {
  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (typeof request.body === 'string') {
    body = request.body;
  } else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const expected = request.expectStatus ? new Set(request.expectStatus) : undefined;
  return {
    method: request.method,
    path: request.path,
    headers,
    body,
    isExpectedStatus: expected ? (status) => expected.has(status) : isSuccess,
  };
}
