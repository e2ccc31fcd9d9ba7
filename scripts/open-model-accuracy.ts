/**
 * Does the open model add latency of its own? At the same arrival rate, its p50/p95/p99 against a
 * paced wrk's, from 500 to 20,000 requests/s, on a bare node:http server (BUSY_MS=0) pinned to
 * the target core, both generators on the other. wrk 4 has no fixed arrival rate: each of its
 * connections waits 2 ms after every response, and as many connections are opened as that rate
 * needs; the open model is then run at the rate wrk actually reached, so both see the same
 * arrivals per second. Prints a Markdown table (plugins/vitest-load/docs/load-generator-ceiling.md quotes it).
 *
 *   pnpm build && pnpm exec tsx scripts/open-model-accuracy.ts
 */
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  Measurement,
  parseLoadSuiteOptions,
  pinThisProcess,
  planCpuPinning,
  prepareRequest,
  runOpenModel,
  startProcessTarget,
} from 'vitest-load/internal';
import { medianFigures, wrk, type Figures } from './wrk-runner.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RATES = (process.env.RATES ?? '500,1000,2000,5000,10000,20000').split(',').map(Number);
const SECONDS = Number(process.env.SECONDS_PER_RUN ?? 4);
const RUNS = Number(process.env.RUNS ?? 3);
const WRK_DELAY_MS = 2;
const requests = [prepareRequest({ method: 'GET', path: '/', headers: {}, weight: 1 })];

async function openModel(url: string, rate: number): Promise<Figures> {
  const measurement = new Measurement(requests);
  const outcome = await runOpenModel({
    url,
    requests,
    stages: [{ durationSeconds: SECONDS, rate }],
    connections: 64,
    timeoutSeconds: 10,
    measurement,
  });
  const result = measurement.summarize(outcome);
  measurement.destroy();
  return { latency: result.latencyMs, requestsPerSecond: result.requestsPerSecond, errors: result.errors };
}

const ms = (value: number): string => value.toFixed(3);
const ratio = (ours: number, theirs: number): string => `${((ours / theirs - 1) * 100).toFixed(0)}%`;

async function main(): Promise<void> {
  const pinning = planCpuPinning();
  if (!pinning.pinned) throw new Error(`this comparison needs pinning: ${pinning.reason}`);
  const definition = parseLoadSuiteOptions('accuracy', {
    targets: [{ name: 'bare', command: process.execPath, args: ['scripts/busy-server.mjs'], env: { BUSY_MS: '0' } }],
    request: { path: '/' },
  }).targets[0]!;
  const target = await startProcessTarget(definition, { root, pinning });
  const restore = await pinThisProcess(pinning.loadGeneratorCpus);
  const rows: string[] = [];
  try {
    await openModel(target.url, 2000);
    for (const rate of RATES) {
      const connections = Math.max(1, Math.round((rate * WRK_DELAY_MS) / 1000));
      const ours: Figures[] = [];
      const theirs: Figures[] = [];
      for (let run = 0; run < RUNS; run++) {
        const paced = await wrk(target.url, connections, pinning.loadGeneratorCpus, SECONDS, WRK_DELAY_MS);
        theirs.push(paced);
        ours.push(await openModel(target.url, Math.round(paced.requestsPerSecond)));
      }
      const a = medianFigures(ours);
      const b = medianFigures(theirs);
      rows.push(
        `| ${rate.toLocaleString('en-US')} | ${Math.round(b.requestsPerSecond).toLocaleString('en-US')} (${connections} conn.) | ${ms(b.latency.p50)} / ${ms(a.latency.p50)} (${ratio(a.latency.p50, b.latency.p50)}) | ` +
          `${ms(b.latency.p95)} / ${ms(a.latency.p95)} (${ratio(a.latency.p95, b.latency.p95)}) | ${ms(b.latency.p99)} / ${ms(a.latency.p99)} (${ratio(a.latency.p99, b.latency.p99)}) |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  } finally {
    await pinThisProcess(restore);
    await target.stop();
  }
  console.log(
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model.trim()}, Node ${process.version}; medians of ${RUNS} runs of ${SECONDS} s.\n`,
  );
  console.log(
    '| target rate | wrk reached (connections) | p50 ms wrk / ours (Δ) | p95 ms wrk / ours (Δ) | p99 ms wrk / ours (Δ) |\n| ---: | ---: | ---: | ---: | ---: |',
  );
  console.log(rows.join('\n'));
}

await main();
