import { z } from 'zod';

const ms = z.number().nonnegative();

export interface FlameNodeShape {
  name: string;
  value: number;
  delta?: number | undefined;
  children: FlameNodeShape[];
}
const flameNode: z.ZodType<FlameNodeShape> = z.lazy(() =>
  z.object({ name: z.string(), value: ms, delta: z.number().optional(), children: z.array(flameNode) }).strict(),
);
const profileSummary = z
  .object({
    flame: flameNode,
    topSelf: z.array(z.object({ frame: z.string(), share: z.number() }).strict()),
    busyMicroseconds: ms,
  })
  .strict();
/** A result's CPU profile as results.json holds it (measure/profile-details.ts). */
export const profileSchema = z
  .object({
    unavailable: z.string().optional(),
    head: profileSummary.optional(),
    overhead: z
      .object({ profiledRequestsPerSecond: ms, judgedMedianRequestsPerSecond: ms, slowdown: z.number() })
      .strict()
      .optional(),
    base: profileSummary.optional(),
    grew: z
      .array(z.object({ frame: z.string(), baseShare: z.number(), headShare: z.number(), growth: z.number() }).strict())
      .optional(),
    differential: flameNode.optional(),
  })
  .strict();
