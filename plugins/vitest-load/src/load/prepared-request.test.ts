import { describe, expect, it } from 'vitest';
import { prepareRequest } from './prepared-request.ts';

const base = { method: 'POST' as const, path: '/echo', headers: {}, weight: 1 };

describe('prepareRequest', () => {
  it('serialises an object body once, as JSON with a JSON content type', () => {
    const request = prepareRequest({ ...base, body: { a: 1 } });
    expect(request.body).toBe('{"a":1}');
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('sends strings and Buffers as they are, with the content type the suite gave', () => {
    const buffer = Buffer.from('--boundary\r\n');
    const request = prepareRequest({
      ...base,
      body: buffer,
      headers: { 'Content-Type': 'multipart/form-data; boundary=boundary' },
    });
    expect(request.body).toBe(buffer);
    expect(request.headers).toEqual({ 'Content-Type': 'multipart/form-data; boundary=boundary' });
    expect(prepareRequest({ ...base, body: 'raw' }).headers).toEqual({});
  });

  it('calls a body function for every request and sends what it gives as JSON', () => {
    let calls = 0;
    const request = prepareRequest({ ...base, body: () => ({ n: ++calls }) });
    const makeBody = request.body as () => string;
    expect([makeBody(), makeBody()]).toEqual(['{"n":1}', '{"n":2}']);
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('names a request after its method and path unless the suite names it', () => {
    expect(prepareRequest({ ...base, method: 'GET', path: '/users' }).name).toBe('GET /users');
    expect(prepareRequest({ ...base, method: 'GET', path: () => '/users/1' }).name).toBe('GET (varying path)');
    expect(prepareRequest({ ...base, name: 'create user' }).name).toBe('create user');
  });

  it('judges statuses by expectStatus when given, else any 2xx is a success', () => {
    expect(prepareRequest(base).isExpectedStatus(201)).toBe(true);
    expect(prepareRequest(base).isExpectedStatus(404)).toBe(false);
    expect(prepareRequest({ ...base, expectStatus: [404] }).isExpectedStatus(404)).toBe(true);
  });
});
