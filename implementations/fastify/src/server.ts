import { exitOnStartupFailure, readListenOptions } from '@lab/node-backend';
import { buildApp } from './app.js';

async function main(): Promise<void> {
  const { port, host } = readListenOptions(process.env);
  const app = buildApp();
  const address = await app.listen({ port, host });
  console.log(`fastify listening on ${address}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // close() lets in-flight requests finish, drops idle keep-alive connections, then runs
      // the onClose hooks that end the pool and the upstream client.
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

main().catch(exitOnStartupFailure('fastify'));
