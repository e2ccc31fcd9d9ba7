import type { StatementPlan } from '../../measure/query-plan.ts';
import { escapeHtml } from './escape.ts';

/**
 * The plans of the costliest statements: what each flags, always in sight, then the plan itself
 * in a `<details>` a reader opens when a flag (or a slow statement) makes them want it. Flagged
 * plans start open.
 */
export function plansHtml(plans: StatementPlan[] | undefined): string {
  if (!plans || plans.length === 0) return '';
  const blocks = plans.map((plan) => {
    const flagged = plan.flags.length > 0;
    const flags = flagged
      ? `<ul class="plan-flags">${plan.flags.map((flag) => `<li class="plan-flag plan-flag-${flag.kind}">${escapeHtml(flag.message)}</li>`).join('')}</ul>`
      : '';
    const body =
      plan.text === undefined
        ? `<p class="plan-error">no plan: ${escapeHtml(plan.error ?? 'PostgreSQL gave none')}</p>`
        : `<pre class="plan-text">${escapeHtml(plan.text)}</pre>`;
    return `<div class="plan${flagged ? ' plan-flagged' : ''}">${flags}<details${flagged ? ' open' : ''}><summary>generic plan of <code>${escapeHtml(plan.query)}</code></summary>${body}</details></div>`;
  });
  return `<div class="plans"><p class="plans-headline">Plans of the costliest statements (EXPLAIN GENERIC_PLAN, after the load)</p>${blocks.join('')}</div>`;
}
