import { z } from 'zod';

/** The plans of a load's costliest statements, as the results file holds them (StatementPlan, docs/query-plans.md). */
export const statementPlansSchema = z.array(
  z
    .object({
      query: z.string(),
      kind: z.literal('generic'),
      text: z.string().optional(),
      flags: z.array(
        z
          .object({
            kind: z.enum(['seq-scan-large-table', 'sort-spills-to-disk', 'nested-loop-many-rows']),
            message: z.string(),
          })
          .strict(),
      ),
      error: z.string().optional(),
    })
    .strict(),
);
