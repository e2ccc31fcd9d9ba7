import { formatMs, formatShare } from '../format/format.ts';
import { generatorBoundMarker } from '../measure/generator-bound.ts';
import { bottleneckLine, planFlagLines } from './bottleneck-line.ts';
import { phaseLines } from './phase-lines.ts';
import type { LoadTestMeta } from './task-meta.ts';

const formatBytes = (bytesPerSecond: number): string =>
  bytesPerSecond >= 1e6 ? `${(bytesPerSecond / 1e6).toFixed(1)} MB/s` : `${(bytesPerSecond / 1e3).toFixed(1)} kB/s`;

/** The leak check's figure: how fast the RSS floor grew, against its limit. */
function memoryGrowth(meta: LoadTestMeta): string {
  const memory = meta.verdict.memory;
  if (!memory?.trend) return '';
  const { mbPerMinute } = memory.trend;
  return `, floor ${mbPerMinute >= 0 ? '+' : '−'}${Math.abs(mbPerMinute).toFixed(1)} MB/min (limit ${memory.rule.maxGrowthMbPerMinute} MB/min)`;
}

/** The generator's CPU share, or the generator-bound marker with both shares when it was the limit. */
function generatorPart(meta: LoadTestMeta): string[] {
  const shares = meta.result.cpuShares;
  if (!shares) return [];
  if (shares.generatorBound) return [generatorBoundMarker(shares)];
  return [
    `load generator CPU ${formatShare(shares.generator)}${shares.generatorCores === 1 ? '' : ` of ${shares.generatorCores} cores`}`,
  ];
}

/** Every figure of one result on one line (and one more per kind of a mix), for the test's own output. */
export function formatResultLine(meta: LoadTestMeta): string {
  const { latencyMs: l, requestsPerSecond, bytesPerSecond, statusCodes, errors, timeouts, requests } = meta.result;
  const statuses = Object.entries(statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  const pinning = meta.pinning.pinned
    ? `target on cpu ${meta.pinning.targetCpus}, load on cpu ${meta.pinning.loadGeneratorCpus}`
    : `not pinned (${meta.pinning.reason})`;
  const kinds = Object.entries(meta.result.byRequest ?? {}).map(
    ([name, kind]) =>
      `\n  ${name}: ${kind.requests.toLocaleString('en-US')} responses, p50 ${formatMs(kind.latencyMs.p50)} · p95 ${formatMs(kind.latencyMs.p95)} · ` +
      `p99 ${formatMs(kind.latencyMs.p99)}, unexpected statuses ${kind.errors}`,
  );
  const { queries, resources } = meta.details ?? {};
  const top = queries?.statements[0];
  const insight = [
    ...(queries
      ? [
          `${queries.queriesPerRequest.toFixed(1)} queries/request${top ? ` (most time: ${top.query.slice(0, 80)}, ${top.calls.toLocaleString('en-US')} calls, ${formatMs(top.meanMs)} mean)` : ''}`,
        ]
      : []),
    ...(resources
      ? [
          `target CPU ${Math.round(resources.cpuPercentMean)}%, RSS up to ${Math.round(resources.rssMbMax)} MB${memoryGrowth(meta)}`,
        ]
      : []),
    ...generatorPart(meta),
  ].map((part) => ` | ${part}`);
  const why = [bottleneckLine(meta.result), ...planFlagLines(meta.details)].filter((line) => line !== undefined);
  return (
    `${meta.scenario} × ${meta.target}: p50 ${formatMs(l.p50)} · p90 ${formatMs(l.p90)} · p95 ${formatMs(l.p95)} · ` +
    `p99 ${formatMs(l.p99)} · p99.9 ${formatMs(l.p999)} · max ${formatMs(l.max)} | ` +
    `${Math.round(requestsPerSecond).toLocaleString('en-US')} req/s, ${formatBytes(bytesPerSecond)}, ${requests.toLocaleString('en-US')} responses ` +
    `(${statuses || 'none'}) | errors ${errors}, timeouts ${timeouts} | ${pinning}` +
    insight.join('') +
    why.map((line) => `\n  ${line}`).join('') +
    kinds.join('') +
    phaseLines(meta.result)
      .map((line) => `\n  ${line}`)
      .join('')
  );
}
