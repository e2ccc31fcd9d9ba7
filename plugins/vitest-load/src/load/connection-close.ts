/**
 * autocannon (8.0) ignores a response's `Connection: close`: it writes its next request on the
 * socket the server is closing, and that request is lost (EPIPE, ECONNRESET) or answered late on
 * a reconnect. Servers close on purpose: Puma at capacity closes a keep-alive connection after
 * 10 requests so waiting connections get a turn, others after N requests per connection. Every
 * real HTTP client reconnects there, so the load generator must too, or it reports errors the
 * server never made (Rails' /external saw 1 in ~430 under 100 connections).
 *
 * autocannon has no option for it; its `setupClient` hook hands over each client, whose parsed
 * headers arrive as a `headers` event before the response completes. The client's next-request
 * step is wrapped to open a fresh connection instead (the same `_resetConnection` its own
 * `reconnectRate` uses). These are autocannon's private methods, so they are checked up front:
 * an autocannon without them fails loudly rather than silently losing requests again.
 */

interface AutocannonClient {
  on(event: 'headers', listener: (info: { shouldKeepAlive?: boolean }) => void): unknown;
  _doRequest(): void;
  _resetConnection(): void;
}

function isAutocannonClient(client: unknown): client is AutocannonClient {
  const candidate = client as Partial<AutocannonClient> | null;
  return (
    typeof candidate?.on === 'function' &&
    typeof candidate._doRequest === 'function' &&
    typeof candidate._resetConnection === 'function'
  );
}

/** autocannon's `setupClient`: the client reconnects after a response that closes its connection. */
export function reconnectOnConnectionClose(client: unknown): void {
  if (!isAutocannonClient(client)) {
    throw new Error(
      'vitest-load: this autocannon version has no Client._doRequest/_resetConnection; ' +
        'the closed-model load cannot honour Connection: close (install the autocannon version in the lockfile)',
    );
  }
  let closing = false;
  // http-parser-js sets shouldKeepAlive from the HTTP version and the Connection header.
  client.on('headers', (info) => {
    closing = info.shouldKeepAlive === false;
  });
  const sendNext = client._doRequest.bind(client);
  client._doRequest = () => {
    if (!closing) return sendNext();
    closing = false;
    // Destroys the closing socket and connects anew; the new connection sends the next request.
    client._resetConnection();
  };
}
