import { describe, expect, it } from 'vitest';
import { prepareRequest } from '../prepared-request.ts';
import { kindOfUrl, targetsFileText, VARYING_TARGETS, vegetaTargets } from './vegeta-targets.ts';

const request = (overrides: object) =>
  prepareRequest({ method: 'GET', path: '/', headers: {}, weight: 1, ...overrides });

describe('vegetaTargets', () => {
  it('writes one pass of the weighted schedule, each target marked with its kind in a fragment', () => {
    const targets = vegetaTargets('http://127.0.0.1:3000/', [
      request({ path: '/a', weight: 3 }),
      request({ method: 'POST', path: '/b', body: { n: 1 }, weight: 1 }),
    ]);
    expect(targets).toHaveLength(4);
    expect(targets.filter((target) => target.url === 'http://127.0.0.1:3000/a#vitest-load-kind=0')).toHaveLength(3);
    const post = targets.find((target) => target.method === 'POST')!;
    expect(post.url).toBe('http://127.0.0.1:3000/b#vitest-load-kind=1');
    expect(Buffer.from(post.body!, 'base64').toString()).toBe('{"n":1}');
    expect(post.header).toEqual({ 'content-type': ['application/json'] });
  });

  it('calls a per-request path or body function once for each of a bounded number of targets', () => {
    let calls = 0;
    const targets = vegetaTargets('http://127.0.0.1:3000', [
      request({ path: () => `/items/${++calls}` }),
      request({ path: '/health', weight: 1 }),
    ]);
    expect(targets).toHaveLength(VARYING_TARGETS);
    expect(calls).toBe(VARYING_TARGETS / 2);
    expect(new Set(targets.map((target) => target.url)).size).toBe(VARYING_TARGETS / 2 + 1);
  });

  it('writes one JSON target per line, as vegeta attack -format=json reads them', () => {
    const text = targetsFileText(vegetaTargets('http://h:1', [request({ path: '/x' })]));
    expect(text).toBe('{"method":"GET","url":"http://h:1/x#vitest-load-kind=0"}\n');
  });
});

describe('kindOfUrl', () => {
  it('reads the kind back from a result URL and nothing from a URL the plugin did not write', () => {
    expect(kindOfUrl('http://h:1/a?b=c#vitest-load-kind=12')).toBe(12);
    expect(kindOfUrl('http://h:1/a#top')).toBeUndefined();
    expect(kindOfUrl('http://h:1/a#vitest-load-kind=x')).toBeUndefined();
  });
});
