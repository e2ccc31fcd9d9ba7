import { bench, type AfterLoadContext } from 'vitest-load';
import { poolQueryPath } from '../../implementations/node-backend/src/index.ts';
import { labGate } from '../lab.ts';
import { countOf, implementationsWith } from './resilience-targets.ts';

// The flash sale's connection pool: every request holds one pooled connection for 10 ms
// (GET /pool/query?ms=10, a pg_sleep), so a pool of P connections serves at most P / 10 ms
// requests a second. A request that finds no connection free within DATABASE_POOL_TIMEOUT_MS
// (50 ms here) is answered 503 at once. The closed-model loads step the connections up
// (10, 40, 80, 160) against pools of 5 and 20: in a closed model of C connections a request
// waits about (C / P - 1) × 10 ms for a connection, so 503s should start a little above
// C = 6 P: between 40 and 80 connections for 5, around 160 for 20. 503 is an expected status
// here (errors are what is measured); what the table shows is its share at each step.
const holdMs = 10;
const poolTimeoutMs = 50;
const poolSizes = [5, 20] as const;
const connectionSteps = [10, 40, 80, 160] as const;

const targets = poolSizes.flatMap((size) =>
  implementationsWith(
    { DATABASE_POOL_SIZE: String(size), DATABASE_POOL_TIMEOUT_MS: String(poolTimeoutMs) },
    `-pool-${size}`,
  ),
);

function poolSizeOf(target: string): number {
  return Number(/-pool-(\d+)$/.exec(target)![1]);
}

function checkShare(connections: number) {
  return async ({ target, result }: AfterLoadContext): Promise<void> => {
    const size = poolSizeOf(target);
    const refused = countOf(result.statusCodes, 503);
    const share = result.requests === 0 ? 0 : refused / result.requests;
    console.log(
      `${target}, ${connections} connections: ${(share * 100).toFixed(1)}% answered 503 (${refused} of ${result.requests})`,
    );
    // Each connection holds at most one pooled connection: no request can wait.
    if (connections <= size && refused > 0)
      throw new Error(
        `${target}: ${refused} requests answered 503 with ${connections} connections for a pool of ${size}`,
      );
    // A wait of about (32 - 1) × 10 ms against a 50 ms timeout: far beyond any noise.
    if (connections >= 20 * size && refused === 0)
      throw new Error(`${target}: no request answered 503 with ${connections} connections for a pool of ${size}`);
  };
}

for (const connections of connectionSteps) {
  bench.load(`flash sale: connection pool, ${connections} connections`, {
    targets,
    gate: labGate,
    request: { path: poolQueryPath(holdMs), expectStatus: [200, 503] },
    connections,
    warmup: '500ms',
    duration: '1s',
    rounds: { min: 2, max: 2 },
    afterLoad: checkShare(connections),
  });
}
