import { setTimeout as delay } from 'node:timers/promises';
import { bench, type AfterLoadContext, type LoadHookContext } from 'vitest-load';
import {
  breakerSettings,
  setUpstreamMode,
  type BreakerStateResponse,
  type UpstreamMode,
} from '../../implementations/node-backend/src/index.ts';
import { variantSuite } from '../lab.ts';
import { countOf, implementationsWith } from './resilience-targets.ts';

// The flash sale's circuit breaker. The upstream (the target's sidecar) is told in beforeLoad to
// stall (answer after 10 s) or fail (a 503 at once) for the whole load. GET /external waits on
// it every time, up to UPSTREAM_TIMEOUT_MS; GET /external/breaker opens its circuit once more
// than half of at least 5 calls in the last second failed, and then answers 503 at once for
// BREAKER_RESET_MS before it lets one call through (half-open). 'recovery: breaker' opens the circuit,
// puts the upstream right, and loads: 503s until the reset time is up, then 200s again.
const upstreamTimeoutMs = 500;
const breakerResetMs = 500;
const targets = implementationsWith({
  UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
  BREAKER_RESET_MS: String(breakerResetMs),
});

const variantModes: Record<string, UpstreamMode> = {
  'stall: no breaker': 'stall',
  'stall: breaker': 'stall',
  'fail: no breaker': 'fail',
  'fail: breaker': 'fail',
  'recovery: breaker': 'ok',
};

function upstreamOf(env: Record<string, string>): string {
  const url = env.UPSTREAM_URL;
  if (!url) throw new Error("the hooks were not given the upstream sidecar's UPSTREAM_URL");
  return url;
}

async function breakerState(url: string): Promise<BreakerStateResponse> {
  return (await (await fetch(`${url}/external/breaker/state`)).json()) as BreakerStateResponse;
}

/** Opens the circuit: the upstream fails, and enough requests go through the breaker to trip it. */
async function openCircuit(url: string, upstreamUrl: string): Promise<void> {
  await setUpstreamMode(upstreamUrl, { mode: 'fail' });
  await Promise.all(
    Array.from({ length: breakerSettings.volumeThreshold * 2 }, () =>
      fetch(`${url}/external/breaker`).then((response) => response.arrayBuffer()),
    ),
  );
  const { state } = await breakerState(url);
  if (state !== 'open')
    throw new Error(`the circuit is ${state} after ${breakerSettings.volumeThreshold * 2} failed calls; expected open`);
}

async function setUpstream({ variant, url, env }: LoadHookContext): Promise<void> {
  // Every variant starts with a breaker window that has forgotten the one before.
  await delay(breakerSettings.rollingCountTimeout + 100);
  if (variant === 'recovery: breaker') await openCircuit(url, upstreamOf(env));
  const mode = variantModes[variant!]!;
  await setUpstreamMode(upstreamOf(env), mode === 'stall' ? { mode, stallMs: 10_000 } : { mode });
}

async function checkVariant({ variant, url, result }: AfterLoadContext): Promise<void> {
  const codes = result.statusCodes;
  const after = await breakerState(url);
  if (variant === 'stall: breaker' && countOf(codes, 503) <= countOf(codes, 504)) {
    throw new Error(
      `stall: breaker: ${countOf(codes, 503)} fast 503s against ${countOf(codes, 504)} timeouts; the circuit should have opened early in the load`,
    );
  }
  if (variant === 'fail: breaker') {
    // In the breaker's one-second window, which holds the end of the load: requests refused without a call.
    if (after.rejected <= after.calls)
      throw new Error(
        `fail: breaker: the breaker let ${after.calls} calls through and refused only ${after.rejected} in its last second`,
      );
  }
  if (variant === 'recovery: breaker') {
    if (countOf(codes, 200) === 0)
      throw new Error(
        `recovery: breaker: no 200 in the load (${JSON.stringify(codes)}); the circuit did not close after ${breakerResetMs} ms`,
      );
    if (after.state !== 'closed')
      throw new Error(`recovery: breaker: the circuit is ${after.state} after the load, expected closed`);
  }
}

bench.compare('flash sale: circuit breaker', {
  ...variantSuite,
  targets,
  variants: {
    'stall: no breaker': { request: { path: '/external?delayMs=0', expectStatus: [504] } },
    'stall: breaker': { request: { path: '/external/breaker?delayMs=0', expectStatus: [503, 504] } },
    'fail: no breaker': { request: { path: '/external?delayMs=0', expectStatus: [502] } },
    'fail: breaker': { request: { path: '/external/breaker?delayMs=0', expectStatus: [502, 503] } },
    'recovery: breaker': { request: { path: '/external/breaker?delayMs=0', expectStatus: [200, 503] } },
  },
  expect: [{ faster: 'stall: breaker', than: 'stall: no breaker', by: 20, figure: 'p50' }],
  connections: 10,
  beforeLoad: setUpstream,
  afterLoad: checkVariant,
});
