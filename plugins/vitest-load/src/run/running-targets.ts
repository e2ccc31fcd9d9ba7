import type { RunningTarget } from '../targets/process-target.ts';
import type { LoadHookContext } from './hooks.ts';
import type { RoundContext, RoundSide } from './measure-round.ts';

/** What a suite's hooks get of a running target: its URL, the services' and sidecars' URLs. */
export function hookContextOf(
  side: RoundSide,
  running: RunningTarget,
  context: Pick<RoundContext, 'scenario' | 'serviceEnv'>,
): LoadHookContext {
  const sidecars = running.sidecars ?? [];
  return {
    scenario: context.scenario,
    target: side.target.name,
    url: running.url,
    env: { ...context.serviceEnv, ...Object.fromEntries(sidecars.map((sidecar) => [sidecar.urlEnv, sidecar.url])) },
    sidecars: Object.fromEntries(sidecars.map((sidecar) => [sidecar.name, sidecar.url])),
  };
}

/** Runs `work` but fails as soon as any of the targets dies, with its exit and stderr. */
export async function whileAlive<T>(running: RunningTarget[], work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const deaths = running.map((target) =>
    target.died.then((error) => {
      abort.abort(error);
      throw error;
    }),
  );
  const working = work(abort.signal);
  try {
    return await Promise.race([working, ...deaths]);
  } finally {
    abort.abort();
    await working.catch(() => undefined);
  }
}
