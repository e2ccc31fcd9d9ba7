import type { LoadStage } from '../load/load-request.ts';
import type { PhasePlan } from '../measure/load-phases.ts';
import type { RoundOptions } from './measure-round.ts';

/** The stages worth a figure each: two or more (a plain `rate` is one stage, the whole load). */
export const changingStages = (options: Pick<RoundOptions, 'stages'>): LoadStage[] | undefined =>
  options.stages && options.stages.length > 1 ? options.stages : undefined;

/** The stages and faults to place requests in, when the load has either; undefined otherwise (nothing to split). */
export function phasePlan(
  options: Pick<RoundOptions, 'stages' | 'faults' | 'duration' | 'recovery'>,
): PhasePlan | undefined {
  const faults = options.faults ?? [];
  const changing = changingStages(options);
  if (!changing && faults.length === 0) return undefined;
  let fromMs = 0;
  const stages = (changing ?? []).map((stage) => {
    const span = {
      fromMs,
      toMs: fromMs + stage.duration * 1000,
      load: 'rate' in stage ? stage.rate : stage.connections,
    };
    fromMs = span.toMs;
    return span;
  });
  return {
    stages,
    faults: faults.map((fault) => ({ name: fault.name })),
    totalMs: options.duration * 1000,
    rule: options.recovery,
  };
}
