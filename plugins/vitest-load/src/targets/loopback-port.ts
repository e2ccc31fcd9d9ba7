import getPort from 'get-port';

/** Ports for the servers the plugin starts: below Linux's ephemeral range (32768-60999). */
const LOWEST = 10_000;
const HIGHEST = 32_767;
/** How many ports past a random start are tried before get-port falls back to any free one. */
const TRIED = 2_000;

/**
 * A free port on loopback below the ephemeral range, for a server started with it in PORT. The
 * port is free when chosen and bound only once the server is up: in between, an outgoing
 * connection anywhere on the machine (a load generator opens thousands) may take it if it lies in
 * the ephemeral range, and the server then fails to bind. Below it, only servers take ports. The
 * random start keeps workers that choose at the same moment from trying the same port first.
 */
export function freeLoopbackPort(host = '127.0.0.1'): Promise<number> {
  const start = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST - TRIED));
  return getPort({ host, port: Array.from({ length: TRIED }, (_, offset) => start + offset) });
}
