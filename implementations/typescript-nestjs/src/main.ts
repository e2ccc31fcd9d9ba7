// Production start: `node dist/main.js`, the platform from NEST_PLATFORM (express by default),
// where to listen from PORT and HOST, everything else from the environment as AppOptions.
import 'reflect-metadata';
import { exitOnStartupFailure, readListenOptions, resolveAppOptions } from '@lab/node-backend';
import type { AddressInfo } from 'node:net';
import { createNestApp } from './app.js';
import { readPlatform } from './platform.js';

const name = 'typescript-nestjs';

async function main(): Promise<void> {
  const platform = readPlatform(process.env);
  // Both throw, naming the variable, before anything is built.
  const { port, host } = readListenOptions(process.env);
  const options = resolveAppOptions({}, process.env);
  const app = await createNestApp(platform, options);
  await app.listen(port, host);
  const { port: bound } = app.getHttpServer().address() as AddressInfo;
  console.log(`${name} on ${platform} listening on http://${host}:${bound}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // close() lets in-flight requests finish, closes the server, then runs the
      // onApplicationShutdown hooks that end the pool, Redis and the upstream client.
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

main().catch(exitOnStartupFailure(name));
