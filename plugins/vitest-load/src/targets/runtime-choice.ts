import type { RuntimeMode, RuntimeName } from './runtime-context.ts';

/** What asking the container engine found. */
export type EngineProbe = { answers: true; description: string } | { answers: false; reason: string };

/**
 * Decides the runtime of a run and says so in one line. `auto` takes containers when an engine
 * answers; `container` without an engine is an error that says how to get one.
 */
export function chooseRuntime(
  mode: RuntimeMode,
  modeSource: string,
  probe: EngineProbe | undefined,
): { name: RuntimeName; runtimes: RuntimeName[]; line: string } {
  if (mode === 'process')
    return { name: 'process', runtimes: ['process'], line: `vitest-load: runtime process (${modeSource})` };
  if (!probe) throw new Error('chooseRuntime: the engine must be probed for the container, auto and both runtimes');
  if (probe.answers && mode === 'both')
    return {
      name: 'container',
      runtimes: ['process', 'container'],
      line: `vitest-load: runtimes process and container side by side (${modeSource}; ${probe.description})`,
    };
  if (probe.answers)
    return {
      name: 'container',
      runtimes: ['container'],
      line: `vitest-load: runtime container (${modeSource}; ${probe.description})`,
    };
  if (mode === 'auto')
    return {
      name: 'process',
      runtimes: ['process'],
      line: `vitest-load: runtime process (${modeSource}: no container engine answered: ${probe.reason})`,
    };
  throw new Error(
    `vitest-load: runtime ${mode} (${modeSource}), but no container engine answered: ${probe.reason}\n` +
      'Start one (without an image registry, build the images locally: see docs/containers.md in the vitest-load package), or use runtime: "auto" or "process".',
  );
}
