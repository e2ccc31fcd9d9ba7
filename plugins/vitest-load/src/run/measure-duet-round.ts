import { addOutcomes } from '../load/run-load.ts';
import type { LoadResult } from '../measure/load-result.ts';
import { Measurement, recordInto, type LoadOutcome } from '../measure/measurement.ts';
import { runLoad, type LoadRun } from '../load/run-load.ts';
import { processTreeCpuSeconds } from '../targets/cpu-time.ts';
import { pinThisProcess } from '../targets/cpu-pinning.ts';
import { startTarget, type StartedTarget } from '../targets/start-target.ts';
import { addTallies, queryInsight, StatementCounter, type StatementTally } from '../targets/services/query-insight.ts';
import { type RoundContext, type RoundLoad, type RoundOutcome, type RoundSide } from './measure-round.ts';
import { cpuSpent, roundCpuShares, withRoundCost } from './round-cost.ts';
import { addCpuWindows, startCpuWindow, type CpuWindow } from '../load/generator-cpu.ts';
import { hookContextOf, whileAlive } from './running-targets.ts';
import type { LoadHookContext } from './hooks.ts';
import type { LoadSuiteOptions } from './suite-options.ts';

/** A side of a duet: the code (base or head) and the load measured on it. */
export type DuetSide = RoundSide & RoundLoad;

/**
 * The slices of one duet round, by side index: ABBA ABBA ..., starting with `first`, so that
 * each side is measured as often early as late in the round and neither always follows the other.
 */
export function duetSlices(slicesPerSide: number, first: 0 | 1): Array<0 | 1> {
  const other = first === 0 ? 1 : 0;
  return Array.from({ length: slicesPerSide * 2 }, (_, index) => ([first, other, other, first] as const)[index % 4]!);
}

/** Whether a suite's load can be sliced: one steady load, without faults, stages or a leak check over time. */
export function canRunAsDuet(
  options: Pick<LoadSuiteOptions, 'stages' | 'faults'> & { gate: Pick<LoadSuiteOptions['gate'], 'duet' | 'leak'> },
): boolean {
  const steadyStages = !options.stages || (options.stages.length === 1 && 'rate' in options.stages[0]!);
  return (
    options.gate.duet !== false &&
    steadyStages &&
    (options.faults ?? []).length === 0 &&
    options.gate.leak === undefined
  );
}

/**
 * One same-job A/B round as a duet: base and head started side by side on the target's cores,
 * both warmed up, then loaded in turn in short slices (ABBA), each slice's requests recorded
 * for its side. Drift of the machine (a neighbour on the host, the database checkpointing, a
 * frequency change) lasts longer than a slice, so it weighs on both sides alike and cancels in
 * their ratio; whole rounds one after the other leave it in. Each side's CPU time and its own
 * slices' statements are counted apart. The suite's `beforeLoad` runs for each side before the
 * warm-up, and `afterLoad` once after the measured slices, with both sides' figures added up:
 * they share the services, so what the load left there is both sides' doing.
 */
export async function measureDuetRound(
  sides: [DuetSide, DuetSide],
  first: 0 | 1,
  context: RoundContext & { sliceSeconds: number },
): Promise<RoundOutcome[]> {
  const started: StartedTarget[] = [];
  try {
    for (const side of sides)
      started.push(
        await startTarget(
          side.target,
          { root: side.root, pinning: context.pinning, serviceEnv: context.serviceEnv },
          side.runtime ?? 'process',
        ),
      );
  } catch (error) {
    await Promise.all(started.map((running) => running.stop()));
    throw error;
  }
  const restoreAffinity = context.pinning.pinned ? await pinThisProcess(context.pinning.loadGeneratorCpus) : undefined;
  try {
    return await whileAlive(started, (signal) => duet(sides, started, first, context, signal));
  } finally {
    if (restoreAffinity) await pinThisProcess(restoreAffinity);
    await Promise.all(started.map((running) => running.stop()));
  }
}

async function duet(
  sides: [DuetSide, DuetSide],
  running: StartedTarget[],
  first: 0 | 1,
  context: RoundContext & { sliceSeconds: number },
  signal: AbortSignal,
): Promise<RoundOutcome[]> {
  const { options } = context;
  const hookContext = (index: 0 | 1): LoadHookContext => hookContextOf(sides[index], running[index]!, context);
  const slicesPerSide = Math.max(1, Math.round(options.duration / context.sliceSeconds));
  const sliceSeconds = options.duration / slicesPerSide;
  const order = duetSlices(slicesPerSide, first);

  for (const index of [0, 1] as const) await options.beforeLoad?.(hookContext(index));
  const warmups = [new Measurement(sides[0].requests), new Measurement(sides[1].requests)] as const;
  const warmupOutcomes: LoadOutcome[][] = [[], []];
  const databaseUrl = context.serviceEnv.DATABASE_URL;
  const statements = databaseUrl === undefined ? undefined : await StatementCounter.open(databaseUrl);
  const rounds = [new Measurement(sides[0].requests), new Measurement(sides[1].requests)] as const;
  try {
    if (options.warmup > 0) {
      const warmupSlices = Math.max(1, Math.round(options.warmup / context.sliceSeconds));
      for (const index of duetSlices(warmupSlices, first)) {
        warmupOutcomes[index]!.push(
          await slice(
            running[index]!.url,
            sides[index],
            warmups[index],
            options.warmup / warmupSlices,
            context,
            signal,
          ),
        );
      }
    }
    const outcomes: LoadOutcome[][] = [[], []];
    const tallies: StatementTally[][][] = [[], []];
    // The generator's CPU per side, over that side's slices alone.
    const generatorWindows: CpuWindow[][] = [[], []];
    const cpuBefore = running.map((target) => processTreeCpuSeconds(target.pid));
    for (const index of order) {
      await statements?.reset();
      const generatorCpu = startCpuWindow();
      outcomes[index]!.push(
        await slice(
          running[index]!.url,
          sides[index],
          recordInto(rounds[index], sides[index].pooled),
          sliceSeconds,
          context,
          signal,
        ),
      );
      generatorWindows[index]!.push(generatorCpu.stop());
      const read = await statements?.read();
      if (read) tallies[index]!.push(read);
    }
    const cpuAfter = running.map((target) => processTreeCpuSeconds(target.pid));
    const countedBySide = ([0, 1] as const).map((index) => (statements ? addTallies(...tallies[index]!) : undefined));
    // After both sides' slices: planning cannot disturb either load.
    const plansBySide = await Promise.all(
      countedBySide.map((counted) => (counted ? statements?.plans(counted).catch(() => undefined) : undefined)),
    );

    const measured = ([0, 1] as const).map((index): RoundOutcome => {
      const outcome = addOutcomes(outcomes[index]!);
      const summary = rounds[index].summarize(outcome);
      const counted = countedBySide[index];
      const cpuSeconds = cpuSpent(cpuBefore[index], cpuAfter[index]);
      const { cost, result } = withRoundCost(summary, {
        cpuSeconds,
        statements: counted,
        cutOff: summary.unanswered,
        // The side's target idles through the other's slices: its CPU time is over its own slices' time.
        cpuShares: roundCpuShares(addCpuWindows(generatorWindows[index]!), cpuSeconds, outcome, context.pinning),
      });
      return {
        result,
        outcome,
        cost,
        runtime: running[index]!.runtime,
        details: counted ? { queries: queryInsight(counted, result.requests, plansBySide[index]) } : {},
      };
    });
    const warmupResults = ([0, 1] as const).map((index) =>
      warmupOutcomes[index]!.length > 0 ? warmups[index].summarize(addOutcomes(warmupOutcomes[index]!)) : undefined,
    );
    try {
      await options.afterLoad?.({
        ...hookContext(1),
        result: addedUp(measured[0]!.result, measured[1]!.result),
        warmup: addedUpMaybe(warmupResults[0], warmupResults[1]),
      });
    } catch (error) {
      const checkFailure = `${error instanceof Error ? error.message : String(error)} (checked after base and head were loaded together)`;
      return measured.map((outcome) => ({ ...outcome, checkFailure }));
    }
    return measured;
  } finally {
    await statements?.close();
    for (const measurement of [...warmups, ...rounds]) measurement.destroy();
  }
}

/** One slice: the suite's steady load (its connections, or its one arrival rate) for `seconds`. */
async function slice(
  url: string,
  side: DuetSide,
  recorder: LoadRun['measurement'],
  seconds: number,
  context: RoundContext,
  signal: AbortSignal,
): Promise<LoadOutcome> {
  // As a warm-up runs a load: its first (here, only) stage for the given length.
  const outcome = await runLoad({
    url,
    requests: side.requests,
    shape: context.shape,
    seconds,
    measurement: recorder,
    signal,
    steady: true,
  });
  if (signal.aborted) throw signal.reason;
  return outcome;
}

/** Two sides' counts added up, for a data check that sees what both left in the shared services. */
function addedUp(a: LoadResult, b: LoadResult): LoadResult {
  const statusCodes: Record<string, number> = { ...a.statusCodes };
  for (const [code, count] of Object.entries(b.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  const requests = a.requests + b.requests;
  const errors = a.errors + b.errors;
  return {
    ...a,
    requests,
    errors,
    timeouts: a.timeouts + b.timeouts,
    errorRate: requests === 0 ? 0 : errors / requests,
    statusCodes,
    unanswered: a.unanswered + b.unanswered,
  };
}

const addedUpMaybe = (a: LoadResult | undefined, b: LoadResult | undefined): LoadResult | undefined =>
  a && b ? addedUp(a, b) : (a ?? b);
