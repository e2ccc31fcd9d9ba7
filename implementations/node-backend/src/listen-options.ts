// How every implementation is told where to listen: part of the lab's runtime contract, beside
// what it connects to (UPSTREAM_URL, DATABASE_URL), which app-options.ts reads.

export interface ListenOptions {
  port: number;
  host: string;
}

/** PORT is required (the harness picks it); HOST defaults to the loopback interface. */
export function readListenOptions(env: NodeJS.ProcessEnv): ListenOptions {
  const raw = env['PORT'];
  if (raw === undefined || raw === '') {
    throw new Error('PORT is not set: start the server with PORT=<port> (0 picks a free port)');
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return { port, host: env['HOST'] || '127.0.0.1' };
}
