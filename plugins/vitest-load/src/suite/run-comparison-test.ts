import { relative } from 'node:path';
import { describeEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import { findBaselineEntry, readBaselineFile, writeBaselineEntry } from '../baseline/store.ts';
import { addOutcomes, type LoadShape } from '../load/run-load.ts';
import { prepareRequest } from '../load/prepared-request.ts';
import type { ResourceUsage } from '../measure/load-details.ts';
import type { PhaseTally } from '../measure/load-phases.ts';
import { gatedErrorRate, type LoadResult } from '../measure/load-result.ts';
import { summarizePhases } from '../measure/phase-results.ts';
import { Measurement, type LoadOutcome } from '../measure/measurement.ts';
import { formatResultLine } from '../report/result-line.ts';
import { attachLoadMeta, type LoadTestMeta } from '../report/task-meta.ts';
import { planCpuPinning } from '../runtime/cpu-pinning.ts';
import type { RuntimeName } from '../runtime/runtime-context.ts';
import { servicesOnRuntime, targetOnRuntime } from '../runtime/test-runtime.ts';
import type { ProvidedServices, LoadRunSettings } from '../settings.ts';
import { judgeExpectation, type ExpectationVerdict } from '../verdict/expectation.ts';
import { judgeMemory } from '../verdict/memory-leak.ts';
import { roundsSettle } from '../verdict/stopping-rule.ts';
import { requestCost, type CostTally } from '../measure/request-cost.ts';
import { judge, SEVERITY, type Finding, type Verdict } from '../verdict/verdict.ts';
import { baselinePathFor } from './baseline-path.ts';
import { checkFaultsCanRun } from './fault-runner.ts';
import { acceptedByRecording, baselineFigures, loadMismatch, loadOf, NEVER_RECORDED, roundFigures } from './load-record.ts';
import { changingStages, measureRound, type RoundLoad, type RoundOutcome } from './measure-round.ts';
import type { CompareSuiteOptions, TargetDefinition } from './options.ts';
import { runRoundLoop } from './round-loop.ts';
import { servicesFor } from './target-services.ts';
import type { SuiteTestContext } from './test-context.ts';

export type ComparisonTestContext = SuiteTestContext<CompareSuiteOptions>;

interface VariantRecord extends RoundLoad {
  variant: string;
  /** Results and baselines name a variant's figures "scenario › variant". */
  name: string;
  baseline: BaselineEntry | undefined;
  outcomes: LoadOutcome[];
  results: LoadResult[];
  /** Each round's memory samples, for the leak check. */
  memory: Array<ResourceUsage['samples'] | undefined>;
  phases: PhaseTally[];
  costs: CostTally[];
  last?: RoundOutcome;
}

/**
 * One test of a `bench.compare()` suite: every round starts the target once and loads each
 * variant in turn (the first variant rotating from round to round), so the variants' ratio is
 * measured on the same process in the same minute. Rounds continue while an expectation or a
 * variant's baseline comparison is undecided. Each variant is reported and recorded as its own
 * result; the expectations are judged on the paired per-round ratios.
 */
export async function runComparisonTest(context: ComparisonTestContext): Promise<void> {
  const { scenario, target, options, settings } = context;
  const runtime = context.runtime ?? 'process';
  const targetName = targetOnRuntime(target.name, runtime);
  const baselineFile = baselinePathFor(context.suiteFile, settings.root, settings.baselineDir);
  const shownBaselineFile = relative(settings.root, baselineFile);
  // Variants are compared with each other in this run; the same-job A/B does not apply to them.
  const useBaselines = !settings.base;
  const baselines = useBaselines ? await readBaselineFile(baselineFile) : undefined;
  const services = servicesFor(target, servicesOnRuntime(context.services, runtime));
  const pinning = planCpuPinning(!settings.pinCpus);
  const load = loadOf(options);
  const shape: LoadShape = { connections: options.connections, timeout: options.timeout, ...(options.stages ? { stages: options.stages } : {}) };
  const label = `${scenario} × ${targetName}`;
  checkFaultsCanRun(options.faults ?? [], target, runtime, services.provided);
  const variants: VariantRecord[] = options.variants.map(({ name, cold, requests }) => {
    const prepared = requests.map(prepareRequest);
    const resultName = `${scenario} › ${name}`;
    return {
      variant: name,
      cold,
      name: resultName,
      requests: prepared,
      pooled: new Measurement(prepared, options.duration * options.rounds.max),
      baseline: baselines ? findBaselineEntry(baselines, resultName, targetName) : undefined,
      outcomes: [],
      results: [],
      memory: [],
      phases: [],
      costs: [],
    };
  });
  const byName = new Map(variants.map((variant) => [variant.variant, variant]));
  const expectations = (): ExpectationVerdict[] =>
    options.expect.map((expectation) => judgeExpectation(expectation, byName.get(expectation.faster)!.results.map(roundFigures), byName.get(expectation.than)!.results.map(roundFigures), options.gate.confidence));

  try {
    let round = 0;
    await runRoundLoop({
      head: variants,
      rounds: options.rounds,
      measure: async () => {
        // A cold variant first, on the process just started; the others rotating, so that none always runs first.
        const cold = variants.filter((variant) => variant.cold);
        const warm = variants.filter((variant) => !variant.cold);
        const order = [...cold, ...warm.map((_, index) => warm[(index + round) % warm.length]!)];
        round++;
        const outcomes = await measureRound({ target, root: settings.root, runtime }, order, { scenario, options, shape, pinning, serviceEnv: services.env, services: services.provided, label, log: context.log });
        outcomes.forEach((outcome, index) => {
          const variant = order[index]!;
          variant.outcomes.push(outcome.outcome);
          variant.results.push(outcome.result);
          variant.memory.push(outcome.details.resources?.samples);
          variant.costs.push(outcome.cost);
          if (outcome.phases) variant.phases.push(outcome.phases);
          variant.last = outcome;
        });
        return outcomes.length < order.length || outcomes.some((outcome) => outcome.checkFailure !== undefined || gatedErrorRate(outcome.result) > options.gate.maxErrorRate);
      },
      decided: () =>
        context.update
          ? expectations().every((verdict) => verdict.outcome !== 'inconclusive')
          : expectations().every((verdict) => verdict.outcome !== 'inconclusive') && variants.every((variant) => baselineDecided(variant, options, shownBaselineFile)),
      onInconclusive: (done) => context.log(`${label}: undecided after ${done} round${done === 1 ? '' : 's'}, measuring another (at most ${options.rounds.max})`),
    });

    const judgedExpectations = expectations();
    const ranOn = variants.find((variant) => variant.last)?.last?.runtime ?? { runtime };
    const environment = describeEnvironment(pinning, services.descriptions, ranOn);
    const metas: LoadTestMeta[] = [];
    for (const variant of variants) {
      if (variant.results.length === 0) continue;
      const memory = options.gate.leak ? judgeMemory(variant.memory, options.duration, options.gate.leak, options.gate.confidence) : undefined;
      const outcome = addOutcomes(variant.outcomes);
      const cost = requestCost(variant.costs);
      const pooled: LoadResult = { ...variant.pooled.summarize(outcome), rounds: variant.results.map(roundFigures), ...(cost ? { cost } : {}) };
      const result: LoadResult =
        variant.phases.length === 0 ? pooled : { ...pooled, ...summarizePhases(variant.phases, changingStages(options), options.faults ?? [], { errors: pooled.errors, attempts: pooled.requests + outcome.transportErrors }) };
      const judged = withExpectations(
        judge({
          scenario: variant.name,
          target: targetName,
          result,
          environment,
          gate: options.gate,
          load,
          comparison: variant.baseline ? { against: 'baseline', entry: variant.baseline, file: shownBaselineFile } : undefined,
          baselineFile: shownBaselineFile,
          latencyGate: settings.latencyGate,
          requireBaseline: settings.requireBaseline && !context.update && useBaselines,
          compareAcrossEnvironments: settings.compareAcrossEnvironments,
          ...(memory ? { memory } : {}),
          ...(variant.last?.checkFailure === undefined ? {} : { checkFailure: variant.last.checkFailure }),
        }),
        judgedExpectations.filter((verdict) => verdict.expectation.faster === variant.variant),
        label,
        options.gate.inconclusive === 'fail' && settings.latencyGate === 'enforce',
      );
      const record = context.update && useBaselines && !NEVER_RECORDED.includes(judged.outcome);
      const verdict = record ? acceptedByRecording(judged) : judged;
      if (record) {
        await writeBaselineEntry(baselineFile, relative(settings.root, context.suiteFile), variant.name, targetName, { recordedAt: new Date().toISOString(), environment, load, ...baselineFigures(result) });
      }
      const meta: LoadTestMeta = {
        scenario: variant.name,
        target: targetName,
        result,
        ...(variant.baseline ? { baselineP95Ms: variant.baseline.latencyMs.p95 } : {}),
        verdict,
        environment,
        pinning,
        baselineWritten: record,
        details: { ...variant.pooled.details(), ...(variant.last?.details ?? {}) },
      };
      metas.push(meta);
      context.log(formatResultLine(meta));
      for (const line of [...verdict.notes, ...verdict.warnings.map((finding) => finding.message)]) context.log(line);
    }
    if (metas.some((meta) => meta.baselineWritten)) context.log(`${label}: baselines recorded in ${shownBaselineFile}`);
    if (!useBaselines) context.log(`${label}: variants are judged against each other in this run; the base revision is not measured for them`);
    attachLoadMeta(context.meta, metas);
    const failures = metas.flatMap((meta) => meta.verdict.failures.map((finding) => finding.message));
    if (failures.length > 0) throw new Error(failures.join('\n'));
  } finally {
    for (const variant of variants) variant.pooled.destroy();
  }
}

function baselineDecided(variant: VariantRecord, options: CompareSuiteOptions, baselineFile: string): boolean {
  if (!variant.baseline || loadMismatch(variant.baseline.load, loadOf(options)) || variant.results.length === 0) return true;
  const latest = variant.results[variant.results.length - 1]!;
  return roundsSettle({ against: 'baseline', entry: variant.baseline, file: baselineFile }, { ...latest, rounds: variant.results.map(roundFigures) }, options.gate);
}

/** Adds the expectations about a variant to its verdict: a contradicted one always fails, as a failed data check does. */
function withExpectations(verdict: Verdict, expectations: ExpectationVerdict[], label: string, failInconclusive: boolean): Verdict {
  if (expectations.length === 0) return verdict;
  const failures: Finding[] = [...verdict.failures];
  const warnings: Finding[] = [...verdict.warnings];
  const notes = [...verdict.notes];
  let outcome = verdict.outcome;
  const worse = (next: Verdict['outcome']): void => {
    if (SEVERITY.indexOf(next) > SEVERITY.indexOf(outcome)) outcome = next;
  };
  for (const expectation of expectations) {
    const message = `${label}: ${expectation.message}`;
    if (expectation.outcome === 'held') notes.push(message);
    else if (expectation.outcome === 'contradicted') {
      failures.push({ kind: 'contradicted', message });
      worse('contradicted');
    } else {
      (failInconclusive ? failures : warnings).push({ kind: 'inconclusive', message });
      worse('inconclusive');
    }
  }
  return { ...verdict, outcome, failed: failures.length > 0, failures, warnings, notes };
}
