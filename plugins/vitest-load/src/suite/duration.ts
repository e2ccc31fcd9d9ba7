/** Parses a duration given as seconds (number) or a string such as "500ms", "3s" or "1m" into seconds. */
export function parseDurationSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  if (unit === 'ms') return amount / 1000;
  if (unit === 'm') return amount * 60;
  return amount;
}

/** Parses a relative threshold given as a fraction (0.1) or a percentage string ("10%"). */
export function parseFraction(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  return match ? Number(match[1]) / 100 : undefined;
}
