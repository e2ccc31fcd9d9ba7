/**
 * Fills the results tables of the lab's pages from a run's reports/results.json: every page in
 * docs/scenarios/ (and docs/results.md) holds blocks
 *
 *   <!-- results: bench/database/09-pagination.load.ts -->
 *   ...
 *   <!-- /results -->
 *
 * whose content is replaced by the figures of that suite, with the command and the machine.
 *
 * and docs/results.md a block <!-- headline --> … <!-- /headline -->, replaced by one table of
 * every claim the suites check, with what each implementation measured.
 *
 *   pnpm perf -u && pnpm exec tsx scripts/scenario-pages.ts [results.json[=command] ...]
 *
 * Given several results files (an earlier full run's, then a run of some suites), each suite's
 * figures come from the last file that has it; a block of a suite none has keeps its content.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownMatrix, resultsFileSchema, targetsMatrix } from 'vitest-load/internal';

const root = fileURLToPath(new URL('..', import.meta.url));
const COMMAND = process.env.RESULTS_COMMAND ?? 'pnpm perf -u';
type Entry = ReturnType<typeof resultsFileSchema.parse>['results'][number];

const ms = (value: number): string => value.toFixed(value < 10 ? 3 : 1);
const count = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The command that measured each suite, when runs of several commands are merged (`file=command`). */
const commandOf = new Map<string, string>();
/** When the run that measured each suite finished. */
const finishedAtOf = new Map<string, string>();

function machine(entries: Entry[], finishedAt: string): string {
  const environment = entries[0]?.environment;
  if (!environment) return '';
  const services = Object.entries(environment.services ?? {}).map(([name, service]) => `${name} ${service.version}`);
  const commands = [...new Set(entries.map((entry) => commandOf.get(entry.suite) ?? COMMAND))];
  const dates = [...new Set(entries.map((entry) => (finishedAtOf.get(entry.suite) ?? finishedAt).slice(0, 10)))].sort();
  const how = commands.length === 1 ? `\`${commands[0]}\`` : commands.map((command) => `\`${command}\``).join(' and ');
  return `Measured ${dates.join(' and ')} with ${how} on ${environment.cores} × ${environment.cpuModel}, Node ${environment.node}${services.length ? `, ${services.join(', ')}` : ''}, ${environment.pinned ? 'target and load generator pinned to different cores' : 'unpinned'}; figures pooled over each result's rounds.`;
}

export function resultsBlock(suite: string, entries: Entry[], finishedAt: string): string {
  const mine = entries.filter((entry) => entry.suite === suite);
  if (mine.length === 0)
    return `_No results for \`${suite}\` in the last run: run \`${COMMAND}\`, then \`pnpm exec tsx scripts/scenario-pages.ts\`._`;
  const rows = mine.map((entry) => {
    const { result } = entry;
    const queries = entry.details?.queries ? entry.details.queries.queriesPerRequest.toFixed(1) : '–';
    return `| ${entry.scenario} | ${entry.target} | ${ms(result.latencyMs.p50)} | ${ms(result.latencyMs.p95)} | ${ms(result.latencyMs.p99)} | ${count(result.requestsPerSecond)} | ${result.errors} | ${queries} | ${result.rounds?.length ?? 1} |`;
  });
  const claims = mine.flatMap((entry) =>
    [
      ...entry.verdict.notes,
      ...entry.verdict.warnings.map((f) => f.message),
      ...entry.verdict.failures.map((f) => f.message),
    ].filter((line) => line.includes('expectation "')),
  );
  const leakChecks = mine.flatMap((entry) =>
    entry.verdict.memory ? [`${entry.scenario} × ${entry.target}: ${entry.verdict.memory.message}`] : [],
  );
  // A staged load's stages, each with the recovery after it where the load fell (plugins/vitest-load/docs/faults.md#recovery).
  const stageRows = mine.flatMap((entry) =>
    (entry.result.stages ?? []).map((stage, index) => {
      const recovery = stage.recovery
        ? stage.recovery.seconds === null
          ? 'not within the load'
          : `${stage.recovery.seconds.toFixed(2)} s`
        : '–';
      const load = stage.rate === undefined ? `${stage.connections} connections` : `${stage.rate} req/s`;
      return `| ${entry.target} | ${index + 1}: ${load}, ${stage.durationSeconds} s | ${ms(stage.latencyMs.p50)} | ${ms(stage.latencyMs.p95)} | ${ms(stage.latencyMs.p99)} | ${count(stage.requestsPerSecond)} | ${stage.errors} | ${recovery} |`;
    }),
  );
  // A load with faults: what each did, how fast the failures came, and the recovery after it (plugins/vitest-load/docs/faults.md).
  const faultRows = mine.flatMap((entry) =>
    (entry.result.faults ?? []).map((fault) => {
      const recovery =
        fault.recovery.seconds === null ? 'not within the load' : `${fault.recovery.seconds.toFixed(2)} s`;
      const rounds = fault.recovery.rounds
        .map((seconds) => (seconds === null ? 'never' : seconds.toFixed(2)))
        .join(', ');
      return `| ${entry.scenario} | ${entry.target} | ${fault.name}, at ${fault.atSeconds} s for ${fault.durationSeconds} s | ${fault.actualSeconds.toFixed(2)} s | ${count(fault.requests)} | ${count(fault.errors)} (${(fault.errorRate * 100).toFixed(1)}%) | ${fault.failedP95Ms === null ? '–' : ms(fault.failedP95Ms)} | ${recovery} (${rounds}) |`;
    }),
  );
  return [
    machine(mine, finishedAt),
    '',
    '| scenario › variant | target | p50 ms | p95 ms | p99 ms | req/s | errors | queries/request | rounds |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    ...(stageRows.length
      ? [
          '',
          'Per stage:',
          '',
          '| target | stage | p50 ms | p95 ms | p99 ms | req/s | errors | recovery after it |',
          '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
          ...stageRows,
        ]
      : []),
    ...(faultRows.length
      ? [
          '',
          'Per fault:',
          '',
          '| scenario | target | fault | lasted | requests during it | failed | failed p95 ms | recovery after it (rounds, s) |',
          '| --- | --- | --- | ---: | ---: | ---: | ---: | --- |',
          ...faultRows,
        ]
      : []),
    ...(claims.length ? ['', 'Expectations checked in this run:', '', ...claims.map((claim) => `- ${claim}`)] : []),
    ...(leakChecks.length ? ['', 'Leak check in this run:', '', ...leakChecks.map((line) => `- ${line}`)] : []),
  ].join('\n');
}

/** "expectation "<claim>" holds: measured 13.1× (95% CI 12.0× … 14.3×, 3 rounds)", as verdict/expectation.ts words it. */
const CLAIM =
  /expectation "(.+?)" (holds|is contradicted|is not yet decided): measured (\S+) \(\d+% CI (\S+) … (\S+), (\d+) rounds\)/;

/** One table of every checked claim: a row per claim, a column per implementation. */
export function headlineBlock(entries: Entry[], finishedAt: string): string {
  const rows = new Map<string, { scenario: string; suite: string; claim: string; byTarget: Map<string, string> }>();
  for (const entry of entries) {
    for (const line of [
      ...entry.verdict.notes,
      ...entry.verdict.warnings.map((f) => f.message),
      ...entry.verdict.failures.map((f) => f.message),
    ]) {
      const match = CLAIM.exec(line);
      if (!match) continue;
      const [, claim, verb, estimate, low, high] = match as unknown as [string, string, string, string, string, string];
      const key = `${entry.suite}\u0000${claim}`;
      const row = rows.get(key) ?? {
        scenario: entry.scenario.split(' › ')[0]!,
        suite: entry.suite,
        claim,
        byTarget: new Map<string, string>(),
      };
      row.byTarget.set(
        entry.target,
        `${estimate} (${low} … ${high})${verb === 'holds' ? '' : verb === 'is contradicted' ? ' **contradicted**' : ' undecided'}`,
      );
      rows.set(key, row);
    }
  }
  if (rows.size === 0)
    return `_No checked claims in the last run: run \`${COMMAND}\`, then \`pnpm exec tsx scripts/scenario-pages.ts\`._`;
  const targets = [...new Set([...rows.values()].flatMap((row) => [...row.byTarget.keys()]))];
  const cells = [...rows.values()].flatMap((row) => [...row.byTarget.values()]);
  const undecided = cells.filter((cell) => cell.endsWith(' undecided')).length;
  const contradicted = cells.filter((cell) => cell.endsWith('**contradicted**')).length;
  return [
    machine(entries, finishedAt),
    `${rows.size} claims, ${cells.length} checks: ${cells.length - undecided - contradicted} held, ${undecided} undecided, ${contradicted} contradicted.`,
    'Each cell: the measured ratio and its 95% interval over the rounds; a claim holds when the whole interval is at least the claimed factor.',
    '',
    `| scenario | claim | ${targets.join(' | ')} |`,
    `| --- | --- | ${targets.map(() => '---').join(' | ')} |`,
    ...[...rows.values()].map(
      (row) =>
        `| [${row.scenario}](../${row.suite}) | ${row.claim} | ${targets.map((target) => row.byTarget.get(target) ?? '–').join(' | ')} |`,
    ),
  ].join('\n');
}

/** Every implementation × every scenario it ran: p95 and req/s with their intervals over rounds, queries per request. */
export function matrixBlock(entries: Entry[], finishedAt: string): string {
  if (entries.length === 0)
    return `_No results in the last run: run \`${COMMAND}\`, then \`pnpm exec tsx scripts/scenario-pages.ts\`._`;
  return [machine(entries, finishedAt), '', markdownMatrix(targetsMatrix(entries))].join('\n');
}

/**
 * The results of one or more runs, a suite's entries from the last file that has the suite: a
 * run of some suites (`pnpm vitest run --project perf bench/stress -u`) updates their blocks
 * and leaves the others as an earlier full run filled them.
 */
async function readRuns(files: string[]): Promise<{ entries: Entry[]; finishedAt: string }> {
  const bySuite = new Map<string, Entry[]>();
  let finishedAt = '';
  for (const argument of files) {
    // "results.json=pnpm vitest run --project perf bench/stress -u": the file and its command.
    const [path, command] = argument.split(/=(.*)/s) as [string, string | undefined];
    const file = resultsFileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    if (file.finishedAt > finishedAt) finishedAt = file.finishedAt;
    for (const suite of new Set(file.results.map((entry) => entry.suite))) {
      bySuite.set(
        suite,
        file.results.filter((entry) => entry.suite === suite),
      );
      commandOf.set(suite, command ?? COMMAND);
      finishedAtOf.set(suite, file.finishedAt);
    }
  }
  return { entries: [...bySuite.values()].flat(), finishedAt };
}

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const { entries, finishedAt } = await readRuns(files.length > 0 ? files : [join(root, 'reports', 'results.json')]);
  const suites = new Set(entries.map((entry) => entry.suite));
  const pages = [
    ...(await readdir(join(root, 'docs', 'scenarios')))
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(root, 'docs', 'scenarios', name)),
    join(root, 'docs', 'results.md'),
  ];
  for (const page of pages) {
    const text = await readFile(page, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const filled = text
      .replace(
        /<!-- headline -->\n[\s\S]*?<!-- \/headline -->/g,
        () => `<!-- headline -->\n${headlineBlock(entries, finishedAt)}\n<!-- /headline -->`,
      )
      .replace(
        /<!-- matrix -->\n[\s\S]*?<!-- \/matrix -->/g,
        () => `<!-- matrix -->\n${matrixBlock(entries, finishedAt)}\n<!-- /matrix -->`,
      )
      // A block of a suite these runs did not measure keeps what it had.
      .replace(/<!-- results: (\S+) -->\n[\s\S]*?<!-- \/results -->/g, (block, suite: string) =>
        suites.has(suite) || block.includes('_No results for') || !block.includes('|')
          ? `<!-- results: ${suite} -->\n${resultsBlock(suite, entries, finishedAt)}\n<!-- /results -->`
          : block,
      );
    if (filled !== text) {
      await writeFile(page, filled);
      console.log(`filled ${page.slice(root.length)}`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
