/**
 * The load generator's own limits, side by side with wrk in one run against a bare node:http
 * server (scripts/busy-server.mjs with BUSY_MS=0): the most requests/s each drives (closed
 * model), the highest arrival rate the open model keeps to, and both tools' latency percentiles
 * at a fixed moderate rate. Writes plugins/vitest-load/docs/load-generator-ceiling.md.
 *
 *   pnpm build && pnpm exec tsx scripts/load-generator-ceiling.ts
 *
 * Needs wrk on the PATH (Debian: apt-get install wrk) and 2 cores (server on one, load on the other).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median, medianFigures, wrk, type Figures } from './wrk-runner.ts';
import {
  Measurement,
  parseLoadSuiteOptions,
  pinThisProcess,
  planCpuPinning,
  prepareRequest,
  runClosedModel,
  runOpenModel,
  startProcessTarget,
} from 'vitest-load/internal';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS_PER_ROUND ?? 5);
const MODERATE_RATE = Number(process.env.MODERATE_RATE ?? 2000);
const MODERATE_CONNECTIONS = 10;
const OPEN_RATES = [5_000, 10_000, 15_000, 20_000, 25_000, 30_000];
const requests = [prepareRequest({ method: 'GET', path: '/', headers: {}, weight: 1 })];

async function oursClosed(url: string, connections: number): Promise<Figures> {
  const measurement = new Measurement(requests);
  const cpuBefore = process.cpuUsage();
  const outcome = await runClosedModel({
    url,
    requests,
    connections,
    durationSeconds: SECONDS,
    timeoutSeconds: 10,
    measurement,
  });
  const cpu = process.cpuUsage(cpuBefore);
  const result = measurement.summarize(outcome);
  measurement.destroy();
  return {
    latency: result.latencyMs,
    requestsPerSecond: result.requestsPerSecond,
    errors: result.errors,
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / outcome.elapsedSeconds) * 100,
  };
}

async function oursOpen(
  url: string,
  rate: number,
  seconds: number,
): Promise<Figures & { lagMs: number; dropped: number }> {
  const measurement = new Measurement(requests);
  const cpuBefore = process.cpuUsage();
  const outcome = await runOpenModel({
    url,
    requests,
    stages: [{ durationSeconds: seconds, rate }],
    connections: 50,
    timeoutSeconds: 10,
    measurement,
  });
  const cpu = process.cpuUsage(cpuBefore);
  const result = measurement.summarize(outcome);
  measurement.destroy();
  return {
    latency: result.latencyMs,
    requestsPerSecond: result.requestsPerSecond,
    errors: result.errors,
    cpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
    lagMs: outcome.worstSendLagMs,
    dropped: outcome.dropped,
  };
}

const rps = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => value.toFixed(3);
const row = (tool: string, figures: Figures): string =>
  `| ${tool} | ${rps(figures.requestsPerSecond)} | ${ms(figures.latency.p50)} | ${ms(figures.latency.p90)} | ${ms(figures.latency.p95)} | ${ms(figures.latency.p99)} | ${ms(figures.latency.max)} | ${figures.errors} | ${figures.cpuPercent === undefined ? '–' : `${figures.cpuPercent.toFixed(0)}%`} |`;
const HEADER =
  '| tool | req/s | p50 ms | p90 ms | p95 ms | p99 ms | max ms | errors | generator CPU |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

async function main(): Promise<void> {
  const pinning = planCpuPinning();
  if (!pinning.pinned) throw new Error(`this comparison needs pinning: ${pinning.reason}`);
  const definition = parseLoadSuiteOptions('ceiling', {
    targets: [{ name: 'bare', command: process.execPath, args: ['scripts/busy-server.mjs'], env: { BUSY_MS: '0' } }],
    request: { path: '/' },
  }).targets[0]!;
  const target = await startProcessTarget(definition, { root, pinning });
  const restore = await pinThisProcess(pinning.loadGeneratorCpus);
  const sections: string[] = [];
  try {
    await runClosedModel({ url: target.url, requests, connections: 10, durationSeconds: 2, timeoutSeconds: 10 });

    // 1. Most requests/s, closed model, alternating rounds.
    for (const connections of [10, 50]) {
      const ours: Figures[] = [];
      const theirs: Figures[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ours.push(await oursClosed(target.url, connections));
        theirs.push(await wrk(target.url, connections, pinning.loadGeneratorCpus, SECONDS));
        process.stderr.write(`ceiling, ${connections} connections: round ${round + 1}/${ROUNDS}\n`);
      }
      const a = medianFigures(ours);
      const b = medianFigures(theirs);
      sections.push(
        `### Closed model, ${connections} connections, as fast as possible\n\n${HEADER}\n${row('vitest-load (autocannon)', a)}\n${row('wrk', b)}\n\n**Ratio of requests/s, vitest-load / wrk: ${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}** (medians of ${ROUNDS} alternating rounds of ${SECONDS} s).\n`,
      );
    }

    // 2. The open model's own ceiling: the arrival rates it keeps to.
    const openRows: string[] = [];
    for (const rate of OPEN_RATES) {
      const figures = await oursOpen(target.url, rate, 3);
      openRows.push(
        `| ${rps(rate)} | ${rps(figures.requestsPerSecond)} | ${ms(figures.latency.p50)} | ${ms(figures.latency.p95)} | ${ms(figures.latency.p99)} | ${figures.lagMs.toFixed(1)} | ${figures.dropped} | ${figures.errors} | ${figures.cpuPercent!.toFixed(0)}% |`,
      );
      process.stderr.write(
        `open model at ${rate}/s: ${rps(figures.requestsPerSecond)}/s, worst lag ${figures.lagMs.toFixed(1)} ms\n`,
      );
    }
    sections.push(
      `### Open model: the arrival rates it keeps to\n\nEach rate for 3 s, up to 50 connections. *Worst send lag* is how late the scheduler sent its most delayed request; latency counts from the scheduled time, so lag shows up in it rather than hiding.\n\n| asked req/s | answered req/s | p50 ms | p95 ms | p99 ms | worst send lag ms | dropped | errors | generator CPU |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n${openRows.join('\n')}\n`,
    );

    // 3. Both at a fixed moderate rate.
    const ours: Figures[] = [];
    const theirs: Figures[] = [];
    const delayMs = (1000 * MODERATE_CONNECTIONS) / MODERATE_RATE;
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(await oursOpen(target.url, MODERATE_RATE, SECONDS));
      theirs.push(await wrk(target.url, MODERATE_CONNECTIONS, pinning.loadGeneratorCpus, SECONDS, delayMs));
      process.stderr.write(`moderate rate: round ${round + 1}/${ROUNDS}\n`);
    }
    sections.push(
      `### At a fixed moderate rate: ${rps(MODERATE_RATE)} requests/s\n\nvitest-load's open model at exactly that rate, latency from each request's scheduled time. wrk 4 has no fixed arrival rate: its ${MODERATE_CONNECTIONS} connections each wait ${delayMs.toFixed(1)} ms after every response (a Lua \`delay\`), which comes close to the same rate, and it times each request from when it was actually sent.\n\n${HEADER}\n${row('vitest-load (open model)', medianFigures(ours))}\n${row('wrk (paced)', medianFigures(theirs))}\n`,
    );
  } finally {
    await pinThisProcess(restore);
    await target.stop();
  }
  const page = [
    "# The load generator's ceiling, against wrk",
    '',
    `A bare \`node:http\` server (\`scripts/busy-server.mjs\`, \`BUSY_MS=0\`) pinned to core ${pinning.targetCpus}; vitest-load's load generator (in this process) and wrk 4 (\`-t1\`) both pinned to core ${pinning.loadGeneratorCpus}, measured in turn.`,
    '',
    'Produced by:',
    '',
    '```sh',
    'pnpm build && pnpm exec tsx scripts/load-generator-ceiling.ts',
    '```',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model.trim()} (${availableParallelism()} cores), Node ${process.version}.`,
    '',
    '## Results',
    '',
    ...sections,
    '## What it shows',
    '',
    '- With one core for the server and one for the load, the bare server is the first to run out of CPU when wrk drives it; a ratio near 1 means the harness also saturates it, a ratio below 1 with the generator near 100% CPU means the harness is the limit. On a route that costs the server real work (every lab route), the server saturates long before either generator.',
    '- The open model is for latency at a chosen rate, not for maximum throughput: past the rates it keeps to, requests go out late (the lag column) and the latencies include that lateness.',
    '- At a moderate rate the two agree where they measure the same thing; where they differ, the open model also counts time a request waited to be sent.',
    '',
  ].join('\n');
  await writeFile(join(root, 'plugins', 'vitest-load', 'docs', 'load-generator-ceiling.md'), page);
  process.stdout.write(page);
}

await main();
