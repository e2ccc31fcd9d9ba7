import { relative } from 'node:path';
import { describeEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import { findBaselineEntry, readBaselineFile, writeBaselineEntry } from '../baseline/store.ts';
import { rebaseTarget } from '../compare/rebase-target.ts';
import { addOutcomes, type LoadShape } from '../load/run-load.ts';
import { prepareRequest } from '../load/prepared-request.ts';
import type { LoadDetails, ResourceUsage } from '../measure/load-details.ts';
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
import type { Comparison } from '../verdict/p95-comparison.ts';
import { roundsSettle } from '../verdict/stopping-rule.ts';
import { requestCost, type CostTally } from '../measure/request-cost.ts';
import { judgeMemory } from '../verdict/memory-leak.ts';
import { judge } from '../verdict/verdict.ts';
import { baselinePathFor } from './baseline-path.ts';
import { changingStages, measureRound, type RoundContext, type RoundLoad, type RoundOutcome, type RoundSide } from './measure-round.ts';
import { runRoundLoop } from './round-loop.ts';
import { canRunAsDuet, measureDuetRound } from './measure-duet-round.ts';
import type { LoadSuiteOptions, TargetDefinition } from './options.ts';
import { servicesFor } from './target-services.ts';
import type { SuiteTestContext } from './test-context.ts';
import { checkFaultsCanRun } from './fault-runner.ts';
import { acceptedByRecording, baselineFigures, loadMismatch, loadOf, NEVER_RECORDED, roundFigures } from './load-record.ts';

export type LoadTestContext = SuiteTestContext<LoadSuiteOptions>;

interface SideRecord extends RoundSide, RoundLoad {
  outcomes: LoadOutcome[];
  results: LoadResult[];
  /** Each round's memory samples, for the leak check. */
  memory: Array<ResourceUsage['samples'] | undefined>;
  /** Each round's stages and faults, when the load had them. */
  phases: PhaseTally[];
  /** Each round's CPU time and statements. */
  costs: CostTally[];
  last?: RoundOutcome;
}

/**
 * One load test: measured rounds on freshly started targets until the verdict is clear (or the
 * rounds run out), then judged, maybe recorded. With a base revision (same-job A/B), its rounds
 * and the head's alternate, base-head then head-base, so that drift hits both alike.
 */
export async function runLoadTest(context: LoadTestContext): Promise<void> {
  const { scenario, target, options, settings } = context;
  const runtime = context.runtime ?? 'process';
  // Its results' name: `express`, or `express (container)` beside it.
  const targetName = targetOnRuntime(target.name, runtime);
  const baselineFile = baselinePathFor(context.suiteFile, settings.root, settings.baselineDir);
  const shownBaselineFile = relative(settings.root, baselineFile);
  const base = settings.base;
  // Read first: a corrupt baseline fails before any load is spent.
  const baselines = base ? undefined : await readBaselineFile(baselineFile);
  const baseline = baselines ? findBaselineEntry(baselines, scenario, targetName) : undefined;
  const services = servicesFor(target, servicesOnRuntime(context.services, runtime));
  const pinning = planCpuPinning(!settings.pinCpus);
  const load = loadOf(options);
  const requests = options.requests.map(prepareRequest);
  const shape: LoadShape = { connections: options.connections, timeout: options.timeout, ...(options.stages ? { stages: options.stages } : {}) };
  const expectedSeconds = options.duration * options.rounds.max;
  // A fault this run cannot carry out fails before any load is spent.
  checkFaultsCanRun(options.faults ?? [], target, runtime, services.provided);

  const head: SideRecord = { target, root: settings.root, runtime, requests, pooled: new Measurement(requests, expectedSeconds), outcomes: [], results: [], memory: [], phases: [], costs: [] };
  const baseSide: SideRecord | undefined = base
    ? { target: rebaseTarget(target, settings.root, base.root), root: base.root, runtime, requests, pooled: new Measurement(requests), outcomes: [], results: [], memory: [], phases: [], costs: [] }
    : undefined;
  const roundContext = (label: string): RoundContext => ({ scenario, options, shape, pinning, serviceEnv: services.env, services: services.provided, label, log: context.log });
  const label = `${scenario} × ${targetName}`;

  const keep = (side: SideRecord, outcome: RoundOutcome): boolean => {
    side.outcomes.push(outcome.outcome);
    side.results.push(outcome.result);
    side.memory.push(outcome.details.resources?.samples);
    side.costs.push(outcome.cost);
    if (outcome.phases) side.phases.push(outcome.phases);
    side.last = outcome;
    // Wrong data or failing requests decide the verdict; more rounds would not change it.
    return outcome.checkFailure !== undefined || gatedErrorRate(outcome.result) > options.gate.maxErrorRate;
  };
  // Same-job A/B of a steady load: base and head side by side in every round, the load sliced between them.
  const duetSlice = baseSide && options.gate.duet !== false && canRunAsDuet(options) ? options.gate.duet : undefined;
  let duetRound = 0;

  try {
    await runRoundLoop({
      head,
      ...(baseSide && duetSlice === undefined ? { base: baseSide } : {}),
      rounds: options.rounds,
      measure: async (side) => {
        if (baseSide && duetSlice !== undefined) {
          const first = duetRound++ % 2 === 0 ? 0 : 1;
          const [baseOutcome, headOutcome] = await measureDuetRound([baseSide, head], first, { ...roundContext(`${label} (duet with base)`), sliceSeconds: duetSlice });
          if (!baseOutcome || !headOutcome) throw new Error('a duet round measured nothing');
          return [keep(baseSide, baseOutcome), keep(head, headOutcome)].some(Boolean);
        }
        const [outcome] = await measureRound(side, [side], roundContext(side === head ? label : `${label} (base)`));
        if (!outcome) throw new Error('a round measured nothing');
        return keep(side, outcome);
      },
      decided: () => context.update || isDecided(head, baseSide, baseline, shownBaselineFile, base?.label, options),
      onInconclusive: (round) => context.log(`${label}: inconclusive after ${round} round${round === 1 ? '' : 's'}, measuring another (at most ${options.rounds.max})`),
    });

    const environment = describeEnvironment(pinning, services.descriptions, head.last?.runtime ?? { runtime });
    const result = pooledResult(head, options);
    const baseResult = baseSide ? pooledResult(baseSide, options) : undefined;
    const comparison: Comparison | undefined = baseResult && base ? { against: 'base', revision: base.label, result: baseResult } : baseline ? { against: 'baseline', entry: baseline, file: shownBaselineFile } : undefined;
    const checkFailure = head.last?.checkFailure ?? baseSide?.last?.checkFailure;
    const leak = options.gate.leak;
    const memory = leak ? judgeMemory(head.memory, options.duration, leak, options.gate.confidence) : undefined;
    const judged = judge({
      scenario,
      target: targetName,
      result,
      environment,
      gate: options.gate,
      load,
      comparison,
      baselineFile: shownBaselineFile,
      latencyGate: settings.latencyGate,
      requireBaseline: settings.requireBaseline && !context.update && !base,
      compareAcrossEnvironments: settings.compareAcrossEnvironments,
      ...(memory ? { memory } : {}),
      ...(checkFailure === undefined ? {} : { checkFailure: baseSide?.last?.checkFailure === checkFailure && head.last?.checkFailure === undefined ? `(base) ${checkFailure}` : checkFailure }),
    });

    // A run with errors beyond the allowed rate, wrong data or a leak is not a baseline anyone wants to keep.
    const record = context.update && !base && !NEVER_RECORDED.includes(judged.outcome);
    const verdict = record ? acceptedByRecording(judged) : judged;
    if (record) {
      const entry: BaselineEntry = { recordedAt: new Date().toISOString(), environment, load, ...baselineFigures(result) };
      await writeBaselineEntry(baselineFile, relative(settings.root, context.suiteFile), scenario, targetName, entry);
      context.log(`${label}: baseline recorded in ${shownBaselineFile}`);
    }

    const details: LoadDetails = { ...head.pooled.details(), ...(head.last?.details ?? {}) };
    const meta: LoadTestMeta = {
      scenario,
      target: targetName,
      result,
      ...(comparison ? { baselineP95Ms: comparison.against === 'base' ? comparison.result.latencyMs.p95 : comparison.entry.latencyMs.p95 } : {}),
      ...(base ? { base: base.label } : {}),
      verdict,
      environment,
      pinning,
      baselineWritten: record,
      details,
    };
    attachLoadMeta(context.meta, meta);
    context.log(formatResultLine(meta));
    for (const line of [...verdict.notes, ...verdict.warnings.map((finding) => finding.message)]) context.log(line);
    if (verdict.failed) throw new Error(verdict.failures.map((finding) => finding.message).join('\n'));
  } finally {
    head.pooled.destroy();
    baseSide?.pooled.destroy();
  }
}

/**
 * Whether the rounds so far decide the verdict. Without anything to compare with, or with a
 * baseline that cannot judge this load, more rounds would tell nothing new.
 */
function isDecided(
  head: SideRecord,
  baseSide: SideRecord | undefined,
  baseline: BaselineEntry | undefined,
  baselineFile: string,
  baseLabel: string | undefined,
  options: LoadSuiteOptions,
): boolean {
  const result = { ...lastResult(head), rounds: head.results.map(roundFigures) };
  if (baseSide && baseLabel) {
    const base = { ...lastResult(baseSide), rounds: baseSide.results.map(roundFigures) };
    return roundsSettle({ against: 'base', revision: baseLabel, result: base }, result, options.gate);
  }
  if (!baseline || loadMismatch(baseline.load, loadOf(options))) return true;
  return roundsSettle({ against: 'baseline', entry: baseline, file: baselineFile }, result, options.gate);
}

/** The stopping rule judges the rounds alone; the last result stands in for the pooled one it would not look at. */
const lastResult = (side: SideRecord): LoadResult => side.results[side.results.length - 1]!;

function pooledResult(side: SideRecord, options: LoadSuiteOptions): LoadResult {
  const outcome = addOutcomes(side.outcomes);
  const cost = requestCost(side.costs);
  const result = { ...side.pooled.summarize(outcome), rounds: side.results.map(roundFigures), ...(cost ? { cost } : {}) };
  if (side.phases.length === 0) return result;
  return { ...result, ...summarizePhases(side.phases, changingStages(options), options.faults ?? [], { errors: result.errors, attempts: result.requests + outcome.transportErrors }) };
}

