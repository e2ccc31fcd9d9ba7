import { describe, expect, it } from 'vitest';
import { appOptionDefaults, resolveAppOptions } from './app-options.ts';
import { defaultUploadLimitBytes } from './limits.ts';

const upstreamUrl = 'http://127.0.0.1:4000';

describe('resolveAppOptions', () => {
  it('requires UPSTREAM_URL and says how to set it', () => {
    expect(() => resolveAppOptions({}, {})).toThrow(/^UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http/);
  });

  it.each(['localhost:4000', 'https://upstream.example'])('refuses the UPSTREAM_URL %s, which is not an http:// URL', (value) => {
    expect(() => resolveAppOptions({}, { UPSTREAM_URL: value })).toThrow(`UPSTREAM_URL must be an http:// URL, got "${value}"`);
  });

  it('fills in the defaults for everything else', () => {
    expect(resolveAppOptions({}, { UPSTREAM_URL: upstreamUrl })).toEqual({
      upstreamUrl,
      upstreamTimeoutMs: 5000,
      upstreamConnections: 128,
      authSecret: 'lab-secret',
      uploadLimitBytes: 32 * 1024 * 1024,
    });
    expect(appOptionDefaults.uploadLimitBytes).toBe(defaultUploadLimitBytes);
  });

  it('reads every setting from its environment variable', () => {
    const env = {
      UPSTREAM_URL: upstreamUrl,
      UPSTREAM_TIMEOUT_MS: '250',
      UPSTREAM_CONNECTIONS: '8',
      AUTH_SECRET: 's3cret',
      UPLOAD_LIMIT_BYTES: '1024',
    };
    expect(resolveAppOptions({}, env)).toEqual({
      upstreamUrl,
      upstreamTimeoutMs: 250,
      upstreamConnections: 8,
      authSecret: 's3cret',
      uploadLimitBytes: 1024,
    });
  });

  it('prefers the options it is given over the environment, and then does not read it', () => {
    const env = { UPSTREAM_URL: 'not a url', UPSTREAM_TIMEOUT_MS: 'soon' };
    expect(resolveAppOptions({ upstreamUrl, upstreamTimeoutMs: 10 }, env)).toMatchObject({ upstreamUrl, upstreamTimeoutMs: 10 });
  });

  it.each(['0', '-5', '1.5', '10ms', '1e3'])('refuses UPSTREAM_TIMEOUT_MS=%s, naming the variable', (value) => {
    expect(() => resolveAppOptions({}, { UPSTREAM_URL: upstreamUrl, UPSTREAM_TIMEOUT_MS: value })).toThrow(
      `UPSTREAM_TIMEOUT_MS must be a positive integer, got "${value}"`,
    );
  });
});
