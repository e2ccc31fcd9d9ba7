import { readListenOptions } from '@lab/contract';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createUpstreamServer } from './app.js';

async function main(): Promise<void> {
  const { port, host } = readListenOptions(process.env);
  const server = createUpstreamServer().listen(port, host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  console.log(`upstream listening on http://${host}:${address.port}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // close() lets in-flight requests finish and drops idle keep-alive connections.
      server.close((error) => {
        if (error) console.error(error);
        process.exit(error ? 1 : 0);
      });
    });
  }
}

main().catch((error: unknown) => {
  console.error(`upstream failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
