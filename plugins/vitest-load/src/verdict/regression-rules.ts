import { formatChange, formatCpuMs, formatMs, formatPercent } from '../format/format.ts';
import { incomparability, incomparableWith } from './comparability.ts';
import { compareCpu, type CpuChange } from './cpu-comparison.ts';
import type { RuleFindings } from './findings.ts';
import { compareP95, type P95Change } from './p95-comparison.ts';
import type { VerdictInput } from './verdict-input.ts';

/** Without a baseline or base nothing is compared: a note, or a failure where a baseline is required. */
export function baselineRule(input: VerdictInput, label: string): RuleFindings {
  if (input.comparison) return {};
  const how = `record one with: ${input.recordCommand} (writes ${input.baselineFile})`;
  if (input.requireBaseline)
    return {
      outcomes: ['no-baseline'],
      failures: [{ kind: 'no-baseline', message: `${label}: no baseline, and a baseline is required; ${how}` }],
    };
  return { outcomes: ['no-baseline'], notes: [`${label}: no baseline yet, so p95 was not compared; ${how}`] };
}

/** p95 against the baseline or base, judged on the rounds' interval (docs/verdicts.md). */
export function p95Rule(input: VerdictInput, label: string): RuleFindings {
  const { comparison, result, gate } = input;
  if (!comparison) return {};
  const change = compareP95(comparison, result, gate);
  const figures = { change, p95Change: change.interval?.estimate ?? change.headP95 / change.baseP95 - 1 };
  const incomparable = comparison.against === 'baseline' ? incomparability(input, comparison.entry) : undefined;
  const shown = formatChange(change, change.headP95, change.baseP95);
  const versus =
    comparison.against === 'base'
      ? `base ${formatMs(change.baseP95)} at ${change.reference}`
      : `baseline ${formatMs(change.baseP95)} in ${change.reference}`;
  const rule = `threshold ${formatPercent(change.rule.threshold)}, noise floor ${formatPercent(change.rule.noiseFloor)}`;
  if (incomparable) {
    // Figures from another machine or another load say little about this code change.
    return {
      outcomes: ['inconclusive'],
      inconclusive: [
        {
          kind: 'inconclusive',
          message: `${label}: p95 ${shown} not judged: ${incomparable.reason}`,
          cause: incomparable.cause,
        },
      ],
      figures,
    };
  }
  if (change.outcome === 'regressed') {
    return {
      outcomes: ['regressed'],
      latency: [
        {
          kind: 'regressed',
          message: `${label}: p95 regressed ${shown}: now ${formatMs(change.headP95)}, ${versus}; ${rule}`,
        },
      ],
      figures,
    };
  }
  if (change.outcome === 'inconclusive') {
    const message = `${label}: p95 change inconclusive, ${shown}: now ${formatMs(change.headP95)}, ${versus}; the interval spans the noise floor and the threshold (${rule})`;
    return { outcomes: ['inconclusive'], inconclusive: [{ kind: 'inconclusive', message }], figures };
  }
  if (change.outcome === 'improved') {
    return {
      outcomes: ['improved'],
      notes: [
        `${label}: p95 improved ${shown}${comparison.against === 'baseline' ? '; update the baseline (-u) to keep the gain' : ''}`,
      ],
      figures,
    };
  }
  if (change.interval && change.interval.low > change.rule.noiseFloor) {
    return {
      notes: [
        `${label}: p95 rose ${shown}, a real change but below the threshold ${formatPercent(change.rule.threshold)}`,
      ],
      figures,
    };
  }
  return { figures };
}

/** CPU time per request against the baseline or base, judged like p95 (docs/verdicts.md#cost-per-request). */
export function cpuRule(input: VerdictInput, label: string): RuleFindings {
  const cpuChange =
    input.comparison && !incomparableWith(input) ? compareCpu(input.comparison, input.result, input.gate) : undefined;
  if (!cpuChange) return {};
  const versus = `${formatCpuMs(cpuChange.headCpuMs)} per request, ${cpuChange.against} ${formatCpuMs(cpuChange.baseCpuMs)}`;
  const rule = `threshold ${formatPercent(cpuChange.rule.threshold)}, noise floor ${formatPercent(cpuChange.rule.noiseFloor)}`;
  const shown = formatChange(cpuChange, cpuChange.headCpuMs, cpuChange.baseCpuMs);
  const figures = { cpuChange };
  if (cpuChange.outcome === 'regressed')
    return {
      outcomes: ['regressed'],
      latency: [{ kind: 'regressed', message: `${label}: CPU per request regressed ${shown}: now ${versus}; ${rule}` }],
      figures,
    };
  if (cpuChange.outcome === 'inconclusive') {
    return {
      outcomes: ['inconclusive'],
      inconclusive: [
        {
          kind: 'inconclusive',
          message: `${label}: CPU per request change inconclusive, ${shown}: now ${versus} (${rule})`,
        },
      ],
      figures,
    };
  }
  return { notes: [`${label}: CPU per request ${shown}: now ${versus}`], figures };
}

/** `gate.detect`: a judged change whose rounds could not see changes that small is undecided, saying what this machine reached. */
export function detectRule(
  input: VerdictInput,
  label: string,
  judged: { p95?: P95Change | undefined; cpu?: CpuChange | undefined },
): RuleFindings {
  const { gate } = input;
  if (gate.detect === undefined || (input.comparison?.against === 'baseline' && incomparableWith(input))) return {};
  const findings: RuleFindings = { outcomes: [], inconclusive: [] };
  for (const [figure, change] of [
    ['p95', judged.p95],
    ['CPU per request', judged.cpu],
  ] as const) {
    if (
      !change ||
      change.outcome === 'regressed' ||
      (change.detectable !== undefined && change.detectable <= gate.detect)
    )
      continue;
    const reached =
      change.detectable === undefined
        ? 'no interval (one round each)'
        : `only ≥ ${formatPercent(change.detectable).slice(1)} with ${change.interval!.headRounds} rounds`;
    findings.outcomes!.push('inconclusive');
    findings.inconclusive!.push({
      kind: 'inconclusive',
      message: `${label}: ${figure} could not be judged as finely as gate.detect asks (${formatPercent(gate.detect).slice(1)}): this machine reached ${reached}; allow more rounds (rounds.max) or a larger gate.detect`,
    });
  }
  return findings;
}
