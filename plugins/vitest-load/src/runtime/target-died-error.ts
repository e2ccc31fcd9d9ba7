/** How a target process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the command could not be started at all (for example ENOENT). */
  spawnError?: Error;
}

export function describeExit(exit: ExitStatus): string {
  if (exit.spawnError) return `could not be started (${exit.spawnError.message})`;
  if (exit.signal) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}

/** A target that stopped on its own while it was needed. */
export class TargetDiedError extends Error {
  override name = 'TargetDiedError';
  constructor(
    readonly target: string,
    readonly exit: ExitStatus,
    readonly stderrTail: string,
    when: string,
  ) {
    super(`Target "${target}" ${describeExit(exit)} ${when}.\n` + (stderrTail ? `Last lines of its stderr:\n${indent(stderrTail)}` : 'It printed nothing on stderr.'));
  }
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
