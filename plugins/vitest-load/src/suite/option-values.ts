import { z } from 'zod';
import { parseDurationSeconds, parseFraction } from './duration.ts';

/** Seconds, from a number or a string like "3s" or "500ms". */
export const durationOption = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const seconds = parseDurationSeconds(value);
  if (seconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected seconds as a number or a string like "3s" or "500ms", got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return seconds;
});

/** A fraction, from a number or a percentage such as "10%". */
export const fractionOption = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const fraction = parseFraction(value);
  if (fraction === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a fraction such as 0.1 or a percentage such as "10%", got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return fraction;
});

/** A function the suite gives, checked to be one. */
export const hook = <T>() =>
  z.custom<(context: T) => unknown>((value) => typeof value === 'function', 'must be a function');
