/**
 * The lines a run prints across its suites: at the start, what will run and about how long; as
 * each suite starts, which one of how many, the time spent and the time left. The time left
 * counts the suites already collected by their plans and, since Vitest collects a suite only when
 * it starts, the others at the mean plan of those collected so far.
 */
export interface SuiteProgress {
  /** 1-based position of the suite starting now. */
  index: number;
  /** Suites in the run. */
  total: number;
  suite: string;
  /** Load tests of this suite that will run, and their expected seconds. */
  tests: number;
  plannedSeconds: number;
  elapsedSeconds: number;
  /** Expected seconds of the suites collected so far (this one included) that have not finished. */
  collectedLeftSeconds: number;
  /** Expected seconds of every suite collected so far, finished or not, and how many they are. */
  collectedPlannedSeconds: number;
  collectedSuites: number;
}

/** Seconds as a person reads them: "45 s", "3 min 20 s", "1 h 5 min". */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return whole % 60 === 0 ? `${minutes} min` : `${minutes} min ${whole % 60} s`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** Expected seconds left: the collected suites' unfinished plans, and the suites not collected yet at the collected ones' mean. */
export function estimateLeftSeconds(progress: SuiteProgress): number {
  const notCollected = Math.max(0, progress.total - progress.collectedSuites);
  const mean = progress.collectedSuites > 0 ? progress.collectedPlannedSeconds / progress.collectedSuites : 0;
  return progress.collectedLeftSeconds + notCollected * mean;
}

/** The line printed as a suite starts. */
export function formatSuiteProgress(progress: SuiteProgress): string {
  const left = estimateLeftSeconds(progress);
  const guessed =
    progress.collectedSuites < progress.total ? ` (suites not started yet counted at the mean of those so far)` : '';
  return (
    `vitest-load: suite ${progress.index} of ${progress.total}, ${progress.suite}: ${progress.tests} load test${progress.tests === 1 ? '' : 's'}, about ${formatSeconds(progress.plannedSeconds)}` +
    ` · ${formatSeconds(progress.elapsedSeconds)} elapsed, about ${formatSeconds(left)} left${guessed}`
  );
}

/** The line printed as the run starts: how many suites, and the first estimate once there is one. */
export function formatRunStart(suites: readonly string[]): string {
  const shown =
    suites.length <= 4 ? suites.join(', ') : `${suites.slice(0, 3).join(', ')} and ${suites.length - 3} more`;
  return `vitest-load: ${suites.length} suite${suites.length === 1 ? '' : 's'} to run (${shown}); each says its expected time as it starts, from its rounds, loads and targets`;
}

/** The line printed at the end: how long the run took against what was expected of it. */
export function formatRunEnd(elapsedSeconds: number, plannedSeconds: number, suites: number): string {
  return `vitest-load: ${suites} suite${suites === 1 ? '' : 's'} in ${formatSeconds(elapsedSeconds)} (expected about ${formatSeconds(plannedSeconds)})`;
}

/** The line printed when every load test was filtered out: what the suites would take if run. */
export function formatPlanOnly(suites: number, tests: number, plannedSeconds: number): string {
  return `vitest-load: no load test ran; the ${suites} suite${suites === 1 ? '' : 's'} collected ${suites === 1 ? 'declares' : 'declare'} ${tests} load test${tests === 1 ? '' : 's'}, expected to take about ${formatSeconds(plannedSeconds)} run as this run's settings would`;
}
