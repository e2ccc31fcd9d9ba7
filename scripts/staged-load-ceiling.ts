/**
 * Whether the closed model in stages keeps up with the fixed-connection path: against a bare
 * node:http server (scripts/busy-server.mjs, BUSY_MS=0), requests/s of a fixed load of 10 and of
 * 100 connections, against the same counts as stages of one 10 → 100 → 10 spike (autocannon
 * instances layered per stage). Alternating rounds; medians. Writes plugins/vitest-load/docs/staged-load-ceiling.md.
 *
 *   pnpm build && pnpm exec tsx scripts/staged-load-ceiling.ts
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  LoadPhases,
  Measurement,
  parseLoadSuiteOptions,
  pinThisProcess,
  planCpuPinning,
  prepareRequest,
  recordInto,
  runClosedModel,
  runStagedClosedModel,
  startProcessTarget,
  summarizePhases,
} from 'vitest-load/internal';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS_PER_STAGE ?? 3);
const requests = [prepareRequest({ method: 'GET', path: '/', headers: {}, weight: 1 })];

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
}

async function fixed(url: string, connections: number): Promise<Figures> {
  const measurement = new Measurement(requests);
  const outcome = await runClosedModel({
    url,
    requests,
    connections,
    durationSeconds: SECONDS,
    timeoutSeconds: 10,
    measurement,
  });
  const result = measurement.summarize(outcome);
  measurement.destroy();
  return { requestsPerSecond: result.requestsPerSecond, p50: result.latencyMs.p50, p95: result.latencyMs.p95 };
}

async function spike(url: string): Promise<Figures[]> {
  const stages = [
    { duration: SECONDS, connections: 10 },
    { duration: SECONDS, connections: 100 },
    { duration: SECONDS, connections: 10 },
  ];
  const measurement = new Measurement(requests);
  const spans = stages.map((stage, index) => ({
    fromMs: index * SECONDS * 1000,
    toMs: (index + 1) * SECONDS * 1000,
    load: stage.connections,
  }));
  const phases = new LoadPhases(requests, {
    stages: spans,
    faults: [],
    totalMs: 3 * SECONDS * 1000,
    rule: { factor: 2, windows: 5 },
  });
  const outcome = await runStagedClosedModel({
    url,
    requests,
    stages: stages.map((stage) => ({ durationSeconds: stage.duration, connections: stage.connections })),
    timeoutSeconds: 10,
    measurement: recordInto(measurement, phases),
  });
  const result = measurement.summarize(outcome);
  measurement.destroy();
  const summary = summarizePhases([phases.tally()], stages, [], {
    errors: result.errors,
    attempts: result.requests + outcome.transportErrors,
  });
  return summary.stages!.map((stage) => ({
    requestsPerSecond: stage.requestsPerSecond,
    p50: stage.latencyMs.p50,
    p95: stage.latencyMs.p95,
  }));
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianFigures = (figures: Figures[]): Figures => ({
  requestsPerSecond: median(figures.map((f) => f.requestsPerSecond)),
  p50: median(figures.map((f) => f.p50)),
  p95: median(figures.map((f) => f.p95)),
});

async function main(): Promise<void> {
  const pinning = planCpuPinning();
  const definition = parseLoadSuiteOptions('ceiling', {
    targets: [{ name: 'bare', command: process.execPath, args: ['scripts/busy-server.mjs'], env: { BUSY_MS: '0' } }],
    request: { path: '/' },
  }).targets[0]!;
  const target = await startProcessTarget(definition, { root, pinning });
  const restore = pinning.pinned ? await pinThisProcess(pinning.loadGeneratorCpus) : undefined;
  const fixed10: Figures[] = [];
  const fixed100: Figures[] = [];
  const staged: Figures[][] = [];
  try {
    await fixed(target.url, 10); // warm-up, not recorded
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so that drift hits both alike.
      if (round % 2 === 0) {
        fixed10.push(await fixed(target.url, 10));
        fixed100.push(await fixed(target.url, 100));
        staged.push(await spike(target.url));
      } else {
        staged.push(await spike(target.url));
        fixed100.push(await fixed(target.url, 100));
        fixed10.push(await fixed(target.url, 10));
      }
    }
  } finally {
    if (restore) await pinThisProcess(restore);
    await target.stop();
  }
  const stage = (index: number): Figures => medianFigures(staged.map((stages) => stages[index]!));
  const row = (label: string, figures: Figures, reference: Figures): string =>
    `| ${label} | ${Math.round(figures.requestsPerSecond).toLocaleString('en-US')} | ${figures.p50.toFixed(3)} | ${figures.p95.toFixed(3)} | ${(figures.requestsPerSecond / reference.requestsPerSecond).toFixed(2)} |`;
  const f10 = medianFigures(fixed10);
  const f100 = medianFigures(fixed100);
  const text = [
    '# The closed model in stages, against the fixed-connection path',
    '',
    `A bare \`node:http\` server (\`scripts/busy-server.mjs\`, \`BUSY_MS=0\`)${pinning.pinned ? ` pinned to core ${pinning.targetCpus}, the load generator to core ${pinning.loadGeneratorCpus}` : `, unpinned (${pinning.reason})`}. Fixed loads of 10 and 100 connections for ${SECONDS} s each, and a spike of ${SECONDS} s at 10, ${SECONDS} s at 100 and ${SECONDS} s at 10 connections (\`stages: [{ duration, connections }]\`: autocannon instances layered per stage); per-stage figures from the spike's result. Medians of ${ROUNDS} alternating rounds.`,
    '',
    'Produced by:',
    '',
    '```sh',
    'pnpm build && pnpm exec tsx scripts/staged-load-ceiling.ts',
    '```',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}${process.env.MACHINE_NOTE ? `; ${process.env.MACHINE_NOTE}` : ''}.`,
    '',
    '| load | req/s | p50 ms | p95 ms | req/s against fixed |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('fixed, 10 connections', f10, f10),
    row('spike stage 1, 10 connections', stage(0), f10),
    row('spike stage 3, 10 connections (after the spike)', stage(2), f10),
    row('fixed, 100 connections', f100, f100),
    row('spike stage 2, 100 connections', stage(1), f100),
    '',
  ].join('\n');
  await writeFile(`${root}plugins/vitest-load/docs/staged-load-ceiling.md`, text);
  console.log(text);
}

await main();
