/**
 * The same-job A/B gate measured on a lab route backed by PostgreSQL, as issue 13 asks: how often
 * it cries wolf on unchanged code (A/A), and how often it catches Fastify's GET /users/:id handler
 * made costlier by a known amount of its own CPU work (+5%, +10% of what a request costs the
 * target), with the rounds and the time each decision takes. Each decision is one test of a
 * `VITEST_LOAD_BASE=... pnpm perf` run, through the plugin's own code: duet rounds
 * (`measureDuetRound`, base and head side by side, the load sliced ABBA), the lab's load (10
 * connections, 1 s warm-up, 2 s measured per side, 3 to 8 rounds) and the plugin's default gate
 * (threshold +10%, noise floor +3%, p95 and CPU per request), stopped by its own rule.
 *
 *   pnpm build && pnpm exec tsx scripts/gate-quality-lab.ts
 *
 * DECISIONS per condition (default 12); CONDITIONS=aa,cpu5,cpu10 to pick some; ROUTE=post-users
 * measures the write, POST /users (each request a new user), instead of GET /users/:id. Results go
 * to reports/gate-quality-lab[-post-users].json; plugins/vitest-load/docs/gate-quality.md quotes them.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { prepareLabDatabase, SEEDED_USERS } from '../fixtures/lab-database.ts';
import { seededRandom } from '../fixtures/seeded-random.ts';
import {
  Measurement,
  compareCpu,
  compareP95,
  measureDuetRound,
  parseLoadSuiteOptions,
  planCpuPinning,
  prepareRequest,
  requestCost,
  roundFigures,
  roundsSettle,
  runRoundLoop,
  startServices,
  type Comparison,
  type CostTally,
  type DuetSide,
  type LoadResult,
} from 'vitest-load/internal';

const root = fileURLToPath(new URL('..', import.meta.url));
const DECISIONS = Number(process.env.DECISIONS ?? 12);
const CONDITIONS = [
  { name: 'aa', title: 'unchanged code (A/A)', extraCpu: 0 },
  { name: 'cpu5', title: 'handler +5% CPU per request', extraCpu: 0.05 },
  { name: 'cpu10', title: 'handler +10% CPU per request', extraCpu: 0.1 },
].filter((condition) => !process.env.CONDITIONS || process.env.CONDITIONS.split(',').includes(condition.name));

/** The route whose handler the head makes costlier: a read (the default) or the write. */
const ROUTES = {
  'get-user': {
    title: 'GET /users/:id',
    handler: 'async (request) => selectUser(app.pg, request.params.id)',
    costlier: 'async (request) => { spin(); return selectUser(app.pg, request.params.id); }',
  },
  'post-users': {
    title: 'POST /users',
    handler: 'async (request, reply) => {\n        const user = await insertUser(app.pg, request.body);',
    costlier:
      'async (request, reply) => {\n        spin();\n        const user = await insertUser(app.pg, request.body);',
  },
} as const;
const routeName = (process.env.ROUTE ?? 'get-user') as keyof typeof ROUTES;
const route = ROUTES[routeName];
if (!route) throw new Error(`ROUTE must be one of ${Object.keys(ROUTES).join(', ')}, got "${process.env.ROUTE}"`);

const fastifyDir = `${root}implementations/fastify`;
/** A copy of Fastify's build whose GET /users/:id handler first spins on the CPU for SPIN_US microseconds. */
const costlierDir = `${fastifyDir}/dist-costlier`;

async function writeCostlierBuild(): Promise<void> {
  await rm(costlierDir, { recursive: true, force: true });
  await cp(`${fastifyDir}/dist`, costlierDir, { recursive: true });
  const file = `${costlierDir}/routes/users.js`;
  const source = await readFile(file, 'utf8');
  if (!source.includes(route.handler))
    throw new Error(`${file}: the ${route.title} handler is not where this script expects it`);
  const spin =
    'const spinNs = BigInt(Math.round(Number(process.env.SPIN_US ?? 0) * 1000));\nconst spin = () => { const end = process.hrtime.bigint() + spinNs; while (process.hrtime.bigint() < end); };\n';
  await writeFile(file, spin + source.replace(route.handler, route.costlier));
}

const random = seededRandom(13);
let created = 0;
const suite = parseLoadSuiteOptions('gate quality (lab)', {
  targets: [
    {
      name: 'fastify',
      command: 'node',
      args: ['dist/server.js'],
      cwd: 'implementations/fastify',
      services: ['postgres', 'redis'],
    },
  ],
  request:
    routeName === 'post-users'
      ? {
          method: 'POST',
          path: '/users',
          // A new user each time: the emails are unique in the table.
          body: () => ({ email: `gate-${process.pid}-${++created}@example.test`, name: 'Gate Quality', country: 'DE' }),
        }
      : { path: () => `/users/${1 + Math.floor(random() * SEEDED_USERS)}` },
  connections: 10,
  warmup: '1s',
  duration: '2s',
  rounds: { min: 3, max: 8 },
});
const requests = suite.requests.map(prepareRequest);
const pinning = planCpuPinning(false);

const target = (costlier: boolean, spinUs: number) => ({
  ...suite.targets[0]!,
  args: [costlier ? 'dist-costlier/server.js' : 'dist/server.js'],
  env: { UPSTREAM_URL: 'http://127.0.0.1:9', SPIN_US: spinUs.toFixed(2) },
});

interface Side extends DuetSide {
  results: LoadResult[];
  costs: CostTally[];
}

interface Decision {
  outcome: 'regressed' | 'pass' | 'improved' | 'inconclusive';
  p95: string;
  cpu: string | undefined;
  rounds: number;
  seconds: number;
  p95Estimate?: number;
  cpuEstimate?: number;
  p95Detectable?: number;
  cpuDetectable?: number;
}

const figures = (side: Side): LoadResult => {
  const cost = requestCost(side.costs);
  return { ...side.results.at(-1)!, rounds: side.results.map(roundFigures), ...(cost ? { cost } : {}) };
};

async function decide(serviceEnv: Record<string, string>, spinUs: number, costlier: boolean): Promise<Decision> {
  const started = performance.now();
  const make = (headSide: boolean): Side => ({
    target: target(headSide && costlier, headSide ? spinUs : 0),
    root,
    requests,
    pooled: new Measurement(requests),
    results: [],
    costs: [],
  });
  const base = make(false);
  const head = make(true);
  const comparison = (): Comparison => ({ against: 'base', revision: 'base', result: figures(base) });
  let round = 0;
  try {
    const rounds = await runRoundLoop({
      rounds: suite.rounds,
      steps: () => ['duet'],
      measure: async () => {
        const outcomes = await measureDuetRound([base, head], round++ % 2 === 0 ? 0 : 1, {
          scenario: 'gate quality',
          options: suite,
          shape: { connections: suite.connections, timeout: suite.timeout },
          pinning,
          serviceEnv,
          label: 'gate quality',
          log: () => {},
          sliceSeconds: 0.5,
        });
        for (const [side, outcome] of [
          [base, outcomes[0]!],
          [head, outcomes[1]!],
        ] as const) {
          side.results.push(outcome.result);
          side.costs.push(outcome.cost);
        }
        return outcomes.some((outcome) => outcome.result.errors > 0);
      },
      decided: () => roundsSettle(comparison(), figures(head), suite.gate),
    });
    const p95 = compareP95(comparison(), figures(head), suite.gate);
    const cpu = compareCpu(comparison(), figures(head), suite.gate);
    const outcomes = [p95.outcome, cpu?.outcome];
    const outcome = outcomes.includes('regressed')
      ? 'regressed'
      : outcomes.includes('inconclusive')
        ? 'inconclusive'
        : outcomes.includes('improved')
          ? 'improved'
          : 'pass';
    return {
      outcome,
      p95: p95.outcome,
      cpu: cpu?.outcome,
      rounds,
      seconds: (performance.now() - started) / 1000,
      ...(p95.interval ? { p95Estimate: p95.interval.estimate } : {}),
      ...(cpu?.interval ? { cpuEstimate: cpu.interval.estimate } : {}),
      ...(p95.detectable === undefined ? {} : { p95Detectable: p95.detectable }),
      ...(cpu?.detectable === undefined ? {} : { cpuDetectable: cpu.detectable }),
    };
  } finally {
    base.pooled.destroy();
    head.pooled.destroy();
  }
}

/** The target's CPU per request on this machine, from one A/A decision's pooled base side: what +x% of it is in microseconds. */
async function baseCpuMs(serviceEnv: Record<string, string>): Promise<number> {
  const side: Side = {
    target: target(false, 0),
    root,
    requests,
    pooled: new Measurement(requests),
    results: [],
    costs: [],
  };
  const other: Side = { ...side, pooled: new Measurement(requests), results: [], costs: [] };
  try {
    for (let index = 0; index < 2; index++) {
      const outcomes = await measureDuetRound([side, other], 0, {
        scenario: 'calibration',
        options: suite,
        shape: { connections: suite.connections, timeout: suite.timeout },
        pinning,
        serviceEnv,
        label: 'calibration',
        log: () => {},
        sliceSeconds: 0.5,
      });
      side.costs.push(outcomes[0]!.cost, outcomes[1]!.cost);
    }
    const cpu = requestCost(side.costs)?.cpuMsPerRequest;
    if (cpu === undefined) throw new Error('the target CPU time could not be read from /proc');
    return cpu;
  } finally {
    side.pooled.destroy();
    other.pooled.destroy();
  }
}

const percent = (value: number | undefined): string => (value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  await writeCostlierBuild();
  const services = await startServices(['postgres', 'redis']);
  try {
    await prepareLabDatabase(services.env.DATABASE_URL!);
    const cpuMs = await baseCpuMs(services.env);
    console.log(`Fastify ${route.title} costs ${(cpuMs * 1000).toFixed(1)} µs of CPU per request here`);
    const all: Record<string, unknown> = {
      machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`,
      node: process.version,
      date: new Date().toISOString(),
      route: route.title,
      baseCpuUsPerRequest: cpuMs * 1000,
    };
    for (const condition of CONDITIONS) {
      const spinUs = cpuMs * 1000 * condition.extraCpu;
      const decisions: Decision[] = [];
      for (let index = 0; index < DECISIONS; index++) {
        const decision = await decide(services.env, spinUs, condition.extraCpu > 0);
        decisions.push(decision);
        console.log(
          `${condition.name} ${index + 1}/${DECISIONS}: ${decision.outcome} (p95 ${decision.p95} ${percent(decision.p95Estimate)}, could detect ≥ ${percent(decision.p95Detectable)}; ` +
            `CPU ${decision.cpu} ${percent(decision.cpuEstimate)}, could detect ≥ ${percent(decision.cpuDetectable)}) after ${decision.rounds} rounds, ${decision.seconds.toFixed(1)} s`,
        );
      }
      const count = (outcome: string) => decisions.filter((decision) => decision.outcome === outcome).length;
      console.log(
        `${condition.title}: regressed ${count('regressed')}/${decisions.length}, pass ${count('pass') + count('improved')}, inconclusive ${count('inconclusive')}, median ${median(decisions.map((decision) => decision.seconds)).toFixed(1)} s`,
      );
      all[condition.name] = { title: condition.title, spinUs, decisions };
      await mkdir(`${root}reports`, { recursive: true });
      await writeFile(
        `${root}reports/gate-quality-lab${routeName === 'get-user' ? '' : `-${routeName}`}.json`,
        JSON.stringify(all, null, 2),
      );
    }
  } finally {
    await services.stop();
    await rm(costlierDir, { recursive: true, force: true });
  }
}

await main();
