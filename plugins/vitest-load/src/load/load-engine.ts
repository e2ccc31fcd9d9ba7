/** What sends a suite's load: the plugin's own generator, or the vegeta binary (docs/engines.md). */
export const LOAD_ENGINES = ['built-in', 'vegeta'] as const;
export type LoadEngine = (typeof LOAD_ENGINES)[number];

/** An option a load engine cannot carry out, and why. */
export interface EngineRefusal {
  /** The option's path in the suite's options, as zod names it. */
  path: Array<string | number>;
  message: string;
}

/**
 * What `engine` cannot do with these options. Vegeta runs one steady load per attack, whose
 * results reach the plugin after the fact: stages (of either model) and faults, whose phases
 * are told apart by when each response came, stay with the built-in engine.
 */
export function engineRefusals(
  engine: LoadEngine,
  options: {
    stages?: ReadonlyArray<{ rate?: number | undefined } | object> | undefined;
    faults?: unknown[] | undefined;
  },
): EngineRefusal[] {
  if (engine === 'built-in') return [];
  const refusals: EngineRefusal[] = [];
  const stages = options.stages ?? [];
  // A plain `rate` arrives here as one open stage: that is vegeta's `-rate`.
  const steadyRate = stages.length === 1 && (stages[0] as { rate?: number }).rate !== undefined;
  if (stages.length > 0 && !steadyRate)
    refusals.push({
      path: ['stages'],
      message: `the "${engine}" engine runs a steady load only (one "rate", or "connections"): stages run on engine "built-in"`,
    });
  if ((options.faults?.length ?? 0) > 0)
    refusals.push({
      path: ['faults'],
      message: `the "${engine}" engine cannot place responses in a fault's phases: faults run on engine "built-in"`,
    });
  return refusals;
}

/** The engine VITEST_LOAD_ENGINE asks for, undefined when unset; a bad value names the variable. */
export function engineFromEnv(value: string | undefined): LoadEngine | undefined {
  if (value === undefined || value === '') return undefined;
  if ((LOAD_ENGINES as readonly string[]).includes(value)) return value as LoadEngine;
  throw new Error(`VITEST_LOAD_ENGINE must be ${LOAD_ENGINES.map((name) => `"${name}"`).join(' or ')}, got "${value}"`);
}
