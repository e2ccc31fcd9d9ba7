/** Loads shorter than this say nothing while they run: their result follows within seconds. */
const QUIET_UNDER_SECONDS = 10;

/**
 * Reports a long load's progress (elapsed and current requests/s) every `everySeconds`: often
 * enough to show it is alive, rarely enough not to flood a CI log (one line per 10 s there).
 * Returns the function that stops it.
 */
export function reportProgress(
  label: string,
  totalSeconds: number,
  responses: () => number,
  log: (line: string) => void,
  everySeconds = process.env.CI ? 10 : 5,
): () => void {
  if (totalSeconds < QUIET_UNDER_SECONDS) return () => {};
  const started = Date.now();
  let last = { at: started, responses: 0 };
  const timer = setInterval(() => {
    const now = { at: Date.now(), responses: responses() };
    const rate = ((now.responses - last.responses) * 1000) / Math.max(1, now.at - last.at);
    log(
      `${label}: ${Math.round((now.at - started) / 1000)} s of ${totalSeconds} s, ${Math.round(rate).toLocaleString('en-US')} req/s`,
    );
    last = now;
  }, everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
