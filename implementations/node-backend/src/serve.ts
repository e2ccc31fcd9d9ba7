// How a node:http based implementation runs as a process: where to listen comes from the
// environment, one line says where it listens, and SIGTERM/SIGINT stop it gracefully.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readListenOptions } from './listen-options.js';

/**
 * Listens on PORT/HOST, then on SIGTERM or SIGINT closes the server (in-flight requests finish,
 * idle keep-alive connections drop) and only then `closeResources` (pools the requests used).
 */
export async function serveUntilSignal(
  name: string,
  server: Server,
  closeResources: () => Promise<void> = async () => {},
): Promise<void> {
  const { port, host } = readListenOptions(process.env);
  server.listen(port, host);
  await once(server, 'listening');
  console.log(`${name} listening on http://${host}:${(server.address() as AddressInfo).port}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      server.close((serverError) => {
        closeResources().then(
          () => exitAfter(serverError),
          (closeError: unknown) => exitAfter(closeError),
        );
      });
    });
  }
}

/** Exits 1 with one line naming the server when it cannot start (a missing PORT, DATABASE_URL, ...). */
export function exitOnStartupFailure(name: string): (error: unknown) => never {
  return (error) => {
    console.error(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  };
}

function exitAfter(error: unknown): never {
  if (error) console.error(error);
  process.exit(error ? 1 : 0);
}
