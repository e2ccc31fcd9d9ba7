import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runClosedModel } from './closed-model.ts';
import { prepareRequest } from './prepared-request.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/**
 * A loopback server that, like Puma at capacity, answers every third request on a connection with
 * `Connection: close` and closes it a moment later, once a client ignoring the header has sent
 * its next request there. Raw TCP, because node:http ends the socket at once, before any client
 * could write, which hides the loss.
 */
async function serverClosingEveryThirdResponse(): Promise<string> {
  server = createServer((socket) => {
    let answered = 0;
    let pending = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      // GET requests without a body: each ends at its blank line.
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        pending = pending.slice(end + 4);
        answered++;
        const closing = answered % 3 === 0;
        socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\n${closing ? 'connection: close\r\n' : ''}\r\nok`);
        if (closing) {
          setTimeout(() => socket.destroy(), 20);
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the closed-model load', () => {
  it('reconnects after a response that closes its connection, so no request is lost', async () => {
    const url = await serverClosingEveryThirdResponse();
    const statuses: number[] = [];
    const outcome = await runClosedModel({
      url,
      requests: [prepareRequest({ method: 'GET', path: '/', headers: {}, weight: 1 })],
      connections: 4,
      durationSeconds: 1,
      timeoutSeconds: 5,
      measurement: {
        recordResponse: (_kind, status) => statuses.push(status),
        get responses() {
          return statuses.length;
        },
      },
    });
    expect(outcome.transportErrors).toBe(0);
    expect(statuses.length).toBeGreaterThan(30);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
