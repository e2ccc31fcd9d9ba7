/** How a managed process ended. */
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

/** A target, sidecar or service that stopped on its own while it was needed. */
export class ProcessDiedError extends Error {
  override name = 'ProcessDiedError';
  constructor(
    readonly role: 'Target' | 'Sidecar' | 'Service',
    readonly processName: string,
    readonly exit: ExitStatus,
    readonly stderrTail: string,
    when: string,
  ) {
    super(`${role} "${processName}" ${describeExit(exit)} ${when}.\n` + describeStderr(stderrTail));
  }
}

export function describeStderr(stderrTail: string): string {
  if (!stderrTail) return 'It printed nothing on stderr.';
  const indented = stderrTail
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
  return `Last lines of its stderr:\n${indented}`;
}
