import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { readListenOptions } from '@lab/contract';

async function main(): Promise<void> {
  const { port, host } = readListenOptions(process.env);
  const { app, close } = createApp();
  const server = app.listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  console.log(`express listening on http://${host}:${address.port}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // close() lets in-flight requests finish and drops idle keep-alive connections; only then
      // can the database and upstream connections those requests use be ended.
      server.close((serverError) => {
        close().then(
          () => exit(serverError),
          (closeError: unknown) => exit(closeError),
        );
      });
    });
  }
}

function exit(error: unknown): never {
  if (error) console.error(error);
  process.exit(error ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`express failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
