import type { LoadDetails, QueryInsight } from '../../measure/load-details.ts';
import { byUrgency, type ResultEntry, type ResultsFile } from '../results-file.ts';

/** An entry with the details a run may attach (optional: a run can go without them). */
export type ReportEntry = ResultEntry & { details?: LoadDetails };

/** How loudly an entry is shown: the order and the colours of the summary follow this. */
export type Standing = 'failed' | 'reported' | 'passed';

/** The targets of one scenario of one suite: one section of the report. */
export interface ScenarioGroup {
  /** The anchor of its section; not derived from the name, which is arbitrary user text. */
  id: string;
  suite: string;
  scenario: string;
  /** The most urgent first. */
  entries: ReportEntry[];
}

/** Above this many statements per response, a target most likely queries once per row (N+1). */
export const N_PLUS_ONE_QUERIES_PER_REQUEST = 2;

// Okabe–Ito: distinguishable with the common colour-vision deficiencies, and none of them is the
// red the report keeps for failures.
const TARGET_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#5E5E5E'];

export function standing(entry: ReportEntry): Standing {
  if (entry.verdict.failed) return 'failed';
  return entry.verdict.warnings.length > 0 ? 'reported' : 'passed';
}

/** Failed first, then reported-only findings, then passes; otherwise in run order (the sort is stable). */
export function entriesByUrgency(file: ResultsFile): ReportEntry[] {
  return [...file.results].sort(byUrgency);
}

/** Groups urgency-ordered entries by suite and scenario, so the scenario of the worst entry comes first. */
export function scenarioGroups(entries: ReportEntry[]): ScenarioGroup[] {
  const groups = new Map<string, ScenarioGroup>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.suite, entry.scenario]);
    let group = groups.get(key);
    if (!group) {
      group = { id: `scenario-${groups.size + 1}`, suite: entry.suite, scenario: entry.scenario, entries: [] };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}

/** One colour per target name across the whole report, so a target looks the same in every chart. */
export function targetColors(entries: ReportEntry[]): Map<string, string> {
  const names = [...new Set(entries.map((entry) => entry.target))].sort();
  return new Map(names.map((name, index) => [name, TARGET_PALETTE[index % TARGET_PALETTE.length]!]));
}

export function looksLikeNPlusOne(queries: QueryInsight): boolean {
  return queries.queriesPerRequest > N_PLUS_ONE_QUERIES_PER_REQUEST;
}
