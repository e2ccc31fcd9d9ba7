// The upstream stand-in can be told to misbehave, so that a load can show what a caller does
// when its dependency fails or stalls (the flash sale's circuit breaker scenario).
import type { FromSchema } from 'json-schema-to-ts';
import { UpstreamControl, UpstreamControlRequest } from '@lab/contract/openapi';

/** ok: GET /quote as usual; fail: a 503 at once; stall: the answer only after `stallMs`. */
export const upstreamModes = ['ok', 'fail', 'stall'] as const;
export type UpstreamMode = (typeof upstreamModes)[number];

/** POST /control on the upstream: the mode to switch to; `stallMs` only with "stall" (default the longest delay). */
export const upstreamControlRequestSchema = UpstreamControlRequest;

/** GET and POST /control answer the mode in force. */
export const upstreamControlSchema = UpstreamControl;

export type UpstreamControlRequest = FromSchema<typeof upstreamControlRequestSchema>;
export type UpstreamControl = FromSchema<typeof upstreamControlSchema>;

export const upstreamControlMessages = {
  failing: 'upstream is failing on command (POST /control)',
  stallMsWithoutStall: 'body/stallMs is allowed only with mode "stall"',
} as const;

/** Switches the upstream at `upstreamUrl` to a mode: for tests and for a suite's hooks. */
export async function setUpstreamMode(upstreamUrl: string, control: UpstreamControlRequest): Promise<UpstreamControl> {
  const response = await fetch(new URL('/control', upstreamUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(control),
  });
  const body = (await response.json()) as UpstreamControl;
  if (response.status !== 200)
    throw new Error(`the upstream refused ${JSON.stringify(control)}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
