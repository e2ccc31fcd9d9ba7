import type { MeasurementEnvironment } from '../baseline/environment.ts';
import type { BaselineEntry } from '../baseline/schema.ts';
import { writeBaselineEntry } from '../baseline/store.ts';
import type { LoadResult } from '../measure/load-result.ts';
import type { ProfileDetails } from '../measure/profile-details.ts';
import { formatResultLine } from '../report/result-line.ts';
import { profileLine } from '../report/profile-line.ts';
import { attachLoadMeta, type LoadTestMeta } from '../report/task-meta.ts';
import type { CpuPinning } from '../targets/cpu-pinning.ts';
import type { ExpectationVerdict } from '../verdict/expectation.ts';
import { judgeMemory } from '../verdict/memory-leak.ts';
import type { Comparison } from '../verdict/p95-comparison.ts';
import { judge, type Verdict } from '../verdict/verdict.ts';
import { acceptedByRecording, baselineFigures, NEVER_RECORDED } from './load-record.ts';
import type { RoundSchedule, SuiteOptions } from './round-schedule.ts';
import { pooledResult, type Series } from './series.ts';
import type { LoadRunSettings } from './settings.ts';

/** What concluding a suite's test needs besides its series. */
export interface Conclusion {
  label: string;
  /** The suite file, relative to the root, as baseline files name it. */
  suiteFile: string;
  baselineFile: string;
  shownBaselineFile: string;
  environment: MeasurementEnvironment;
  pinning: CpuPinning;
  load: BaselineEntry['load'];
  options: SuiteOptions;
  settings: LoadRunSettings;
  update: boolean;
  expectations: ExpectationVerdict[];
  log: (line: string) => void;
  /** The series' CPU profile from an extra, unjudged round, when one is due (`regressed`: against the base). */
  profile?: (series: Series, regressed: boolean) => Promise<ProfileDetails | undefined>;
}

/**
 * The one conclusion of every suite's test: each reported series pooled, judged against its base
 * or baseline with the claims about it, recorded when asked, reported; the test fails with every
 * failure's message.
 */
export async function concludeSeries(schedule: RoundSchedule, conclusion: Conclusion, taskMeta: object): Promise<void> {
  const { settings, options, label } = conclusion;
  const baseResult =
    schedule.base && schedule.base.results.length > 0 ? pooledResult(schedule.base, options) : undefined;
  const metas: LoadTestMeta[] = [];
  for (const series of schedule.reported) {
    if (series.results.length === 0) continue;
    const result = pooledResult(series, options);
    const comparison: Comparison | undefined =
      baseResult && settings.base
        ? { against: 'base', revision: settings.base.label, result: baseResult }
        : series.baseline
          ? { against: 'baseline', entry: series.baseline, file: conclusion.shownBaselineFile }
          : undefined;
    const judged = judge({
      scenario: series.name,
      target: series.targetName,
      result,
      environment: conclusion.environment,
      gate: options.gate,
      load: conclusion.load,
      comparison,
      baselineFile: conclusion.shownBaselineFile,
      recordCommand: settings.recordCommand,
      latencyGate: settings.latencyGate,
      requireBaseline: settings.requireBaseline && !conclusion.update && !settings.base,
      compareAcrossEnvironments: settings.compareAcrossEnvironments,
      ...memoryVerdict(series, options),
      ...checkFailureOf(series, schedule.base),
      claims: {
        label,
        verdicts: conclusion.expectations.filter((verdict) => verdict.expectation.faster === series.claimName),
      },
    });
    // A run with errors beyond the allowed rate, wrong data, a leak or a broken claim is not a baseline anyone wants to keep.
    const record = conclusion.update && !settings.base && !NEVER_RECORDED.includes(judged.outcome);
    const verdict: Verdict = record ? acceptedByRecording(judged) : judged;
    if (record) {
      const entry: BaselineEntry = {
        recordedAt: new Date().toISOString(),
        environment: conclusion.environment,
        load: conclusion.load,
        ...baselineFigures(result),
      };
      await writeBaselineEntry(conclusion.baselineFile, conclusion.suiteFile, series.name, series.targetName, entry);
    }
    // After the verdict, so that the profiled round neither counts for it nor waits on more rounds.
    // Regressed in p95 or in CPU per request: either is a costlier head whose frames are worth comparing.
    const regressed = judged.change?.outcome === 'regressed' || judged.cpuChange?.outcome === 'regressed';
    const profile = await conclusion.profile?.(series, regressed);
    if (profile) conclusion.log(`${label}: ${profileLine(profile)}`);
    const meta = metaOf(series, result, comparison, verdict, conclusion, record, profile);
    metas.push(meta);
    conclusion.log(formatResultLine(meta));
    for (const line of [...verdict.notes, ...verdict.warnings.map((finding) => finding.message)]) conclusion.log(line);
  }
  const recorded = metas.filter((meta) => meta.baselineWritten).length;
  if (recorded > 0)
    conclusion.log(
      `${label}: ${recorded === 1 ? 'baseline' : 'baselines'} recorded in ${conclusion.shownBaselineFile}`,
    );
  if (settings.base && schedule.reported.length > 1)
    conclusion.log(
      `${label}: ${schedule.reported[0]?.variant ? 'variants' : 'targets'} are judged against each other in this run; the base revision is not measured for them`,
    );
  attachLoadMeta(taskMeta, metas);
  const failures = metas.flatMap((meta) => meta.verdict.failures.map((finding) => finding.message));
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

function metaOf(
  series: Series,
  result: LoadResult,
  comparison: Comparison | undefined,
  verdict: Verdict,
  conclusion: Conclusion,
  written: boolean,
  profile: ProfileDetails | undefined,
): LoadTestMeta {
  const baselineP95Ms = comparison
    ? comparison.against === 'base'
      ? comparison.result.latencyMs.p95
      : comparison.entry.latencyMs.p95
    : undefined;
  return {
    scenario: series.name,
    target: series.targetName,
    result,
    ...(baselineP95Ms === undefined ? {} : { baselineP95Ms }),
    ...(conclusion.settings.base && comparison?.against === 'base' ? { base: conclusion.settings.base.label } : {}),
    verdict,
    environment: conclusion.environment,
    pinning: conclusion.pinning,
    baselineWritten: written,
    details: { ...series.pooled.details(), ...(series.last?.details ?? {}), ...(profile ? { profile } : {}) },
  };
}

/** The leak check over the series' rounds, when the gate asks for one. */
function memoryVerdict(series: Series, options: SuiteOptions): { memory?: ReturnType<typeof judgeMemory> } {
  const leak = options.gate.leak;
  return leak ? { memory: judgeMemory(series.memory, options.duration, leak, options.gate.confidence) } : {};
}

/** What the check after the load found wrong, on this series or, marked, on the base beside it. */
function checkFailureOf(series: Series, base: Series | undefined): { checkFailure?: string } {
  const own = series.last?.checkFailure;
  if (own !== undefined) return { checkFailure: own };
  const basesOwn = base?.last?.checkFailure;
  return basesOwn === undefined ? {} : { checkFailure: `(base) ${basesOwn}` };
}
