import { gatedErrorRate } from '../measure/load-result.ts';
import { formatPercent } from '../format/format.ts';
import type { RuleFindings } from './findings.ts';
import type { VerdictInput } from './verdict-input.ts';

/** The suite's check after the load: wrong data fails wherever the test runs. */
export function checkRule({ checkFailure }: VerdictInput, label: string): RuleFindings {
  if (checkFailure === undefined) return {};
  return {
    outcomes: ['check-failed'],
    failures: [{ kind: 'check-failed', message: `${label}: the check after the load failed: ${checkFailure}` }],
  };
}

/** Failed requests beyond the allowed share (outside the faults, which are expected to fail some). */
export function errorRule({ result, gate }: VerdictInput, label: string): RuleFindings {
  const errorRate = gatedErrorRate(result);
  if (errorRate <= gate.maxErrorRate) return {};
  const statuses = Object.entries(result.statusCodes)
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ');
  const during = result.duringFaults;
  const allowed = formatPercent(gate.maxErrorRate).slice(1);
  const message = during
    ? `${label}: error rate outside the faults ${formatPercent(errorRate).slice(1)} is above the allowed ${allowed} ` +
      `(${result.errors - during.errors} failed requests outside them, ${during.errors} more during them, which are expected; statuses ${statuses || 'none'})`
    : `${label}: error rate ${formatPercent(result.errorRate).slice(1)} is above the allowed ${allowed} ` +
      `(${result.errors} failed requests, ${result.timeouts} of them timeouts; statuses ${statuses || 'none'})`;
  return { outcomes: ['errors'], failures: [{ kind: 'errors', message }] };
}

/** The leak check: like errors and wrong data, and unlike latency, a leak fails also where the latency gate only reports (CI). */
export function leakRule({ memory }: VerdictInput, label: string): RuleFindings {
  if (!memory) return {};
  if (memory.outcome === 'leak')
    return {
      outcomes: ['leak'],
      failures: [{ kind: 'leak', message: `${label}: ${memory.message}` }],
      figures: { memory },
    };
  return { notes: [`${label}: ${memory.message}`], figures: { memory } };
}
