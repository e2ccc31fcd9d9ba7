import type { z } from 'zod';
import { defaultSettleSeconds, MIN_JUDGED_SECONDS } from '../measure/memory-trend.ts';
import type { LoadStage } from '../load/load-request.ts';
import { isOpenStages } from '../load/load-request.ts';
import { engineRefusals, type LoadEngine } from '../load/load-engine.ts';

type StageInput = { duration: number; rate?: number | undefined; connections?: number | undefined };
type FaultInput = { at: number; duration: number };
export type CommonInput = {
  engine: LoadEngine;
  duration: number;
  rate?: number | undefined;
  connections?: number | undefined;
  stages?: StageInput[] | undefined;
  faults?: FaultInput[] | undefined;
  targets: Array<{ name: string }>;
  gate: { leak?: { settle?: number | undefined } | undefined };
};

export function checkCommon(options: CommonInput, ctx: z.RefinementCtx): void {
  if (options.duration <= 0)
    ctx.addIssue({ code: 'custom', path: ['duration'], message: 'must be longer than 0 seconds' });
  if (options.rate !== undefined && options.stages !== undefined)
    ctx.addIssue({ code: 'custom', path: ['stages'], message: 'give either "rate" or "stages", not both' });
  if (options.stages) checkStages(options.stages, options, ctx);
  if (options.faults) checkFaults(options.faults, loadSeconds(options), ctx);
  checkLeakSpan(options, ctx);
  // A plain rate is one open stage to the engine, as the normalised options will say.
  const stages = options.stages ?? (options.rate === undefined ? undefined : [{ rate: options.rate }]);
  for (const refusal of engineRefusals(options.engine, { stages, faults: options.faults }))
    ctx.addIssue({ code: 'custom', path: refusal.path, message: refusal.message });
  const names = options.targets.map((target) => target.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) ctx.addIssue({ code: 'custom', path: ['targets'], message: `two targets are named "${duplicate}"` });
}

/** A leak check needs a judged part of the load long enough to tell a trend from a few collections. */
function checkLeakSpan(options: CommonInput, ctx: z.RefinementCtx): void {
  const leak = options.gate.leak;
  if (!leak) return;
  const duration = loadSeconds(options);
  const settle = leak.settle ?? defaultSettleSeconds(duration);
  if (duration - settle < MIN_JUDGED_SECONDS) {
    ctx.addIssue({
      code: 'custom',
      path: ['gate', 'leak'],
      message: `a measured load of ${duration} s leaves ${Math.max(0, duration - settle)} s after the settle period of ${settle} s; the leak check needs at least ${MIN_JUDGED_SECONDS} s: make "duration" longer or "gate.leak.settle" shorter`,
    });
  }
}

/** Every stage gives "rate" (open model) or every stage gives "connections" (closed model); the first stage decides which. */
export function checkStages(
  stages: StageInput[],
  options: { connections?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  const first = stages[0];
  const model = first?.rate !== undefined ? 'rate' : first?.connections !== undefined ? 'connections' : undefined;
  stages.forEach((stage, index) => {
    if (stage.duration <= 0)
      ctx.addIssue({ code: 'custom', path: ['stages', index, 'duration'], message: 'must be longer than 0 seconds' });
    if (stage.rate !== undefined && stage.connections !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, 'connections'],
        message: 'a stage gives "rate" (open model) or "connections" (closed model), not both',
      });
    } else if (stage.rate === undefined && stage.connections === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index],
        message: 'give "rate" (requests per second, open model) or "connections" (closed model)',
      });
    } else if (model !== undefined && stage[model] === undefined) {
      const other = model === 'rate' ? 'connections' : 'rate';
      ctx.addIssue({
        code: 'custom',
        path: ['stages', index, other],
        message: `the stages are ${model === 'rate' ? 'an open model (stages[0] gives "rate")' : 'a closed model (stages[0] gives "connections")'}: give "${model}" in every stage, not "${other}"`,
      });
    }
  });
  if (model === 'connections' && options.connections !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['connections'],
      message: 'give either "connections" or stages with "connections", not both',
    });
  }
}

/** Each fault starts after the load began, ends before it ends (recovery needs time to show), and does not overlap another. */
function checkFaults(faults: FaultInput[], seconds: number, ctx: z.RefinementCtx): void {
  const sorted = faults.map((fault, index) => ({ fault, index })).sort((a, b) => a.fault.at - b.fault.at);
  sorted.forEach(({ fault, index }, position) => {
    if (fault.at <= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['faults', index, 'at'],
        message: 'must be after the load starts (> 0 s), so that there is a "before" to recover to',
      });
    if (fault.duration <= 0)
      ctx.addIssue({ code: 'custom', path: ['faults', index, 'duration'], message: 'must be longer than 0 seconds' });
    if (fault.at + fault.duration >= seconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['faults', index, 'duration'],
        message: `the fault must end before the measured load does (at ${seconds} s), to leave time to recover; it ends at ${fault.at + fault.duration} s`,
      });
    }
    const previous = sorted[position - 1];
    if (previous && previous.fault.at + previous.fault.duration > fault.at) {
      ctx.addIssue({
        code: 'custom',
        path: ['faults', index, 'at'],
        message: `overlaps faults[${previous.index}]; faults run one after the other`,
      });
    }
  });
}

const loadSeconds = (options: { duration: number; stages?: StageInput[] | undefined }): number =>
  options.stages ? options.stages.reduce((sum, stage) => sum + stage.duration, 0) : options.duration;

/** The load's shape made explicit: its stages in either model, its connections, a round's length. */
export function normaliseLoad<
  T extends {
    connections?: number | undefined;
    rate?: number | undefined;
    stages?: StageInput[] | undefined;
    duration: number;
  },
>({ connections, rate, stages, duration, ...rest }: T) {
  const given = stages?.map((stage): LoadStage =>
    stage.rate !== undefined
      ? { duration: stage.duration, rate: stage.rate }
      : { duration: stage.duration, connections: stage.connections! },
  );
  const normalised: LoadStage[] | undefined = given ?? (rate === undefined ? undefined : [{ duration, rate }]);
  const open = normalised !== undefined && isOpenStages(normalised);
  return {
    ...rest,
    // An open model needs room for the requests that queue up while the target is slow; a closed model in stages opens its largest stage's.
    connections:
      connections ??
      (open
        ? 100
        : normalised
          ? Math.max(...normalised.map((stage) => ('connections' in stage ? stage.connections : 0)))
          : 10),
    duration: normalised ? normalised.reduce((sum, stage) => sum + stage.duration, 0) : duration,
    ...(normalised ? { stages: normalised } : {}),
  };
}
