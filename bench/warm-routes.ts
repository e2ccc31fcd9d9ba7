// A freshly started target is cold: JIT, database pool, Redis connection. Every round of a
// bench.compare() suite starts one, and the variant that happens to load it first pays for that
// in its own figures, so the paired ratio of that round swings (measured on Express, 14-16:
// no-cache over pure miss 0.25x to 0.85x in five of six rounds where no-cache came first,
// 1.1x to 4.4x in all others). The plugin's warm-up is per variant and too short for that on a
// busy core. A suite's beforeLoad calls this before every variant, so that every variant starts
// on a target warm on all routes.

export interface WarmRequest {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string | (() => string);
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** Sends the requests in turn from `concurrency` loops for `ms` milliseconds; any status will do. */
export async function warmRoutes(url: string, requests: readonly WarmRequest[], { ms = 400, concurrency = 4 } = {}): Promise<void> {
  const until = Date.now() + ms;
  const loop = async (offset: number): Promise<void> => {
    for (let index = offset; Date.now() < until; index++) {
      const request = requests[index % requests.length]!;
      const path = typeof request.path === 'function' ? request.path() : request.path;
      const json = request.body === undefined ? {} : { body: JSON.stringify(request.body), headers: { ...request.headers, 'content-type': 'application/json' } };
      const response = await fetch(`${url}${path}`, { method: request.method ?? 'GET', headers: request.headers ?? {}, ...json });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => loop(index)));
}
