import { relative } from 'node:path';
import { describeEnvironment } from '../baseline/environment.ts';
import { findBaselineEntry, readBaselineFile } from '../baseline/store.ts';
import type { LoadRequest } from '../load/load-request.ts';
import { prepareRequest } from '../load/prepared-request.ts';
import type { LoadShape } from '../load/run-load.ts';
import { engineRefusals } from '../load/load-engine.ts';
import { Measurement } from '../measure/measurement.ts';
import { planCpuPinning } from '../targets/cpu-pinning.ts';
import { servicesOnRuntime, targetOnRuntime } from '../targets/test-runtime.ts';
import { judgeExpectation, type ExpectationVerdict } from '../verdict/expectation.ts';
import { baselinePathFor } from './baseline-path.ts';
import { concludeSeries, type Conclusion } from './conclude-series.ts';
import { checkFaultsCanRun } from './fault-runner.ts';
import { loadMismatch, loadOf, roundFigures } from './load-record.ts';
import { measureDuetRound } from './measure-duet-round.ts';
import { measureRound, type RoundContext } from './measure-round.ts';
import { profileSeries } from './profiled-round.ts';
import { rebaseTarget } from './rebase-target.ts';
import { runRoundLoop } from './round-loop.ts';
import {
  claimsOf,
  compareSchedule,
  isComparison,
  isTargetsComparison,
  loadSchedule,
  targetsSchedule,
  type RoundSchedule,
  type RoundStep,
  type SuiteOptions,
} from './round-schedule.ts';
import { cpuSharesSoFar, keepRound, newSeries, roundsSoFar, type Series } from './series.ts';
import { roundsSettle } from '../verdict/stopping-rule.ts';
import { servicesFor, type TargetServices } from './target-services.ts';
import type { TargetDefinition } from '../targets/target-definition.ts';
import type { SuiteTestContext } from './test-context.ts';

/**
 * One test of a suite, `bench.load()` or `bench.compare()` on one target, or
 * `bench.compareTargets()` on several: its series measured
 * in rounds on freshly started processes until every verdict is clear (or the rounds run out),
 * then each reported series concluded once: judged, maybe recorded, reported.
 */
export async function runSuiteTest(context: SuiteTestContext<SuiteOptions>): Promise<void> {
  const { scenario, target, options, settings } = context;
  const runtime = context.runtime ?? 'process';
  // The targets this test measures: its own, or every target of a comparison of targets.
  const targets = isTargetsComparison(options) ? options.targets : [target];
  // Results' names: `express`, or `express (container)` beside it.
  const nameOf = (each: TargetDefinition) => targetOnRuntime(each.name, runtime);
  const label = `${scenario} × ${targets.map(nameOf).join(' vs ')}`;
  const baselineFile = baselinePathFor(context.suiteFile, settings.suitesDir, settings.baselineDir);
  const shownBaselineFile = relative(settings.root, baselineFile);
  // Read first: a corrupt baseline fails before any load is spent.
  const baselines = settings.base ? undefined : await readBaselineFile(baselineFile);
  const servicesOf = new Map(
    targets.map((each) => [each, servicesFor(each, servicesOnRuntime(context.services, runtime))]),
  );
  // A fault this run cannot carry out fails before any load is spent.
  for (const [each, services] of servicesOf) checkFaultsCanRun(options.faults ?? [], each, runtime, services.provided);
  // The run's engine (VITEST_LOAD_ENGINE) over the suite's: what it cannot do fails before any load.
  const engine = settings.engine ?? options.engine;
  const [refusal] = engineRefusals(engine, options);
  if (refusal)
    throw new Error(
      `${refusal.path.join('.')}: ${refusal.message}${settings.engine ? ` (the engine comes from VITEST_LOAD_ENGINE=${settings.engine})` : ''}`,
    );
  const pinning = planCpuPinning(!settings.pinCpus);
  const expectedSeconds = options.duration * options.rounds.max;

  const seriesOf = (
    on: TargetDefinition,
    name: string,
    requests: LoadRequest[],
    claim?: { name: string; variant?: boolean; cold?: boolean },
  ): Series => {
    const prepared = requests.map(prepareRequest);
    const targetName = nameOf(on);
    const baseline = baselines ? findBaselineEntry(baselines, name, targetName) : undefined;
    return newSeries({
      target: on,
      root: settings.root,
      runtime,
      targetName,
      services: servicesOf.get(on)!,
      name,
      cold: claim?.cold ?? false,
      requests: prepared,
      pooled: new Measurement(prepared, expectedSeconds),
      ...(claim ? { claimName: claim.name } : {}),
      ...(claim?.variant ? { variant: claim.name } : {}),
      ...(baseline ? { baseline } : {}),
    });
  };
  const schedule: RoundSchedule = isComparison(options)
    ? compareSchedule(
        options.variants.map((variant) =>
          seriesOf(target, `${scenario} › ${variant.name}`, variant.requests, {
            name: variant.name,
            variant: true,
            cold: variant.cold,
          }),
        ),
      )
    : isTargetsComparison(options)
      ? targetsSchedule(targets.map((each) => seriesOf(each, scenario, options.requests, { name: each.name })))
      : loadSchedule(
          seriesOf(target, scenario, options.requests),
          settings.base
            ? {
                ...seriesOf(target, scenario, options.requests),
                target: rebaseTarget(target, settings.root, settings.base.root),
                root: settings.base.root,
              }
            : undefined,
          options,
        );
  const all = [...schedule.reported, ...(schedule.base ? [schedule.base] : [])];
  const byClaimName = new Map(schedule.reported.map((series) => [series.claimName, series]));
  const figuresOf = (name: string) => byClaimName.get(name)!.results.map(roundFigures);
  const expectations = (): ExpectationVerdict[] =>
    claimsOf(options).map((expectation) =>
      judgeExpectation(
        expectation,
        figuresOf(expectation.faster),
        figuresOf(expectation.than),
        options.gate.confidence,
        {
          faster: cpuSharesSoFar(byClaimName.get(expectation.faster)!),
          than: cpuSharesSoFar(byClaimName.get(expectation.than)!),
        },
      ),
    );

  const shape: LoadShape = {
    connections: options.connections,
    timeout: options.timeout,
    engine,
    ...(options.stages ? { stages: options.stages } : {}),
  };
  const roundContext = (series: Series, suffix = ''): RoundContext => ({
    scenario,
    options,
    shape,
    pinning,
    serviceEnv: series.services.env,
    services: series.services.provided,
    label: `${scenario} × ${series.targetName}${suffix}`,
    log: context.log,
  });
  const measureStep = async (step: RoundStep, round: number): Promise<boolean> => {
    if (step.kind === 'duet') {
      const first = round % 2 === 1 ? 0 : 1;
      const outcomes = await measureDuetRound([step.base, step.head], first, {
        ...roundContext(step.head, ' (duet with base)'),
        sliceSeconds: step.sliceSeconds,
      });
      if (outcomes.length < 2) throw new Error('a duet round measured nothing');
      return [
        keepRound(step.base, outcomes[0]!, options.gate.maxErrorRate),
        keepRound(step.head, outcomes[1]!, options.gate.maxErrorRate),
      ].some(Boolean);
    }
    const side = step.loads[0]!;
    const outcomes = await measureRound(side, step.loads, roundContext(side, side === schedule.base ? ' (base)' : ''));
    if (outcomes.length === 0) throw new Error('a round measured nothing');
    const settled = outcomes.map((outcome, index) => keepRound(step.loads[index]!, outcome, options.gate.maxErrorRate));
    // A check that failed ends the round early: the loads after it were not measured.
    return outcomes.length < step.loads.length || settled.some(Boolean);
  };

  const decided = (): boolean => {
    // A claim refused (a side generator-bound) is as decided as it will get: more rounds would not lift the cap.
    const claimsDecided = expectations().every((verdict) => verdict.outcome !== 'inconclusive' || verdict.refused);
    if (context.update) return claimsDecided;
    return (
      claimsDecided &&
      schedule.reported.every((series) =>
        seriesDecided(series, schedule.base, settings.base?.label, shownBaselineFile, options),
      )
    );
  };

  try {
    await runRoundLoop({
      rounds: options.rounds,
      steps: (round) => schedule.steps(round),
      measure: measureStep,
      decided,
      onInconclusive: (done) =>
        context.log(
          `${label}: ${claimsOf(options).length > 0 ? 'undecided' : 'inconclusive'} after ${done} round${done === 1 ? '' : 's'}, measuring another (at most ${options.rounds.max})`,
        ),
    });

    const ranOn = all.find((series) => series.last)?.last?.runtime ?? { runtime };
    const conclusion: Conclusion = {
      label,
      suiteFile: relative(settings.root, context.suiteFile),
      baselineFile,
      shownBaselineFile,
      environment: describeEnvironment(pinning, uniqueServices([...servicesOf.values()]), ranOn),
      pinning,
      load: loadOf(options),
      options,
      settings,
      update: context.update,
      expectations: expectations(),
      log: context.log,
      profile: (series, regressed) =>
        profileSeries(series, {
          asked: options.profile || settings.profile === true,
          ...(schedule.base && settings.base ? { base: schedule.base } : {}),
          regressed,
          roundContext,
        }),
    };
    await concludeSeries(schedule, conclusion, context.meta);
  } finally {
    for (const series of all) series.pooled.destroy();
  }
}

/**
 * Whether a series' rounds so far decide its verdict against the base or its baseline. Without
 * either, or with a baseline that cannot judge this load, more rounds would tell nothing new.
 */
function seriesDecided(
  series: Series,
  base: Series | undefined,
  baseLabel: string | undefined,
  baselineFile: string,
  options: SuiteOptions,
): boolean {
  const head = roundsSoFar(series);
  if (!head) return true;
  if (base && baseLabel) {
    const baseRounds = roundsSoFar(base);
    return (
      baseRounds === undefined ||
      roundsSettle({ against: 'base', revision: baseLabel, result: baseRounds }, head, options.gate)
    );
  }
  if (!series.baseline || loadMismatch(series.baseline.load, loadOf(options))) return true;
  return roundsSettle({ against: 'baseline', entry: series.baseline, file: baselineFile }, head, options.gate);
}

/** The services of several targets, each described once. */
function uniqueServices(sets: TargetServices[]): TargetServices['descriptions'] {
  const byName = new Map(sets.flatMap((set) => set.descriptions).map((service) => [service.name, service]));
  return [...byName.values()];
}
