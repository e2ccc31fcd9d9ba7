import { buildApp } from './app.js';
import { readListenOptions } from '@lab/contract';

async function main(): Promise<void> {
  const { port, host } = readListenOptions(process.env);
  const app = buildApp();
  const address = await app.listen({ port, host });
  console.log(`fastify listening on ${address}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // close() lets in-flight requests finish and drops idle keep-alive connections.
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  console.error(`fastify failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
