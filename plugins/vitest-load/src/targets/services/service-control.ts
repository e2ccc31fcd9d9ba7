import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { ServiceControlAddress } from '../service.ts';
import type { RunningService, ServiceName } from '../service.ts';

/** Where a test worker asks the main process to stop or start a service, and the token it proves itself with. */

export interface ServiceControl {
  address: ServiceControlAddress;
  close(): Promise<void>;
}

/**
 * The narrow channel through which a fault in a test worker stops and starts a service that
 * lives in the main process (the services' global setup): one line per command,
 * `<token> stop postgres` or `<token> start postgres`, answered `ok` or `error <why>`, on
 * 127.0.0.1. A service stays stopped only while the connection that stopped it is open: when
 * the worker ends it (or dies, or is cancelled mid-fault) every service it stopped is started
 * again, so a later test, or a watch-mode re-run, finds it running.
 */
export async function openServiceControl(services: Map<ServiceName, RunningService>): Promise<ServiceControl> {
  const token = randomBytes(16).toString('hex');
  const sockets = new Set<Socket>();
  const restarts = new Set<Promise<void>>();
  let closing = false;

  const restart = (service: RunningService, name: ServiceName): void => {
    const restarting = service.resume!().catch((error: unknown) =>
      console.error(`vitest-load: ${name} could not be started again after a fault: ${(error as Error).message}`),
    );
    restarts.add(restarting);
    void restarting.finally(() => restarts.delete(restarting));
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    const stoppedHere = new Set<ServiceName>();
    let buffered = '';
    let queue = Promise.resolve();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        queue = queue.then(async () => {
          const answer = await handle(line, stoppedHere).then(
            () => 'ok',
            (error: unknown) => `error ${(error as Error).message.replace(/\s+/g, ' ')}`,
          );
          if (!socket.destroyed) socket.write(`${answer}\n`);
        });
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      // Whatever the worker left stopped starts again: a fault never outlives its test.
      void queue.then(() => {
        if (closing) return;
        for (const name of stoppedHere) restart(services.get(name)!, name);
      });
    });
  });

  async function handle(line: string, stoppedHere: Set<ServiceName>): Promise<void> {
    const [given, verb, name] = line.split(' ');
    if (!given || given.length !== token.length || !timingSafeEqual(Buffer.from(given), Buffer.from(token)))
      throw new Error('wrong token');
    const service = services.get(name as ServiceName);
    if (!service)
      throw new Error(`this run has no service "${name}" (it has ${[...services.keys()].join(', ') || 'none'})`);
    if (!service.pause || !service.resume)
      throw new Error(
        `"${name}" is a server of your own (its URL was given), which vitest-load does not stop or start`,
      );
    if (verb === 'stop') {
      stoppedHere.add(name as ServiceName);
      await service.pause();
    } else if (verb === 'start') {
      await service.resume();
      stoppedHere.delete(name as ServiceName);
    } else throw new Error(`unknown command "${verb}"`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    address: { port, token },
    close: async () => {
      closing = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...restarts]);
    },
  };
}
