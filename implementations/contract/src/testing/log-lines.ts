import type { LogDestination } from '../../../node-backend/src/index.ts';

/** A pino destination that keeps the lines it is given, parsed, for a test to read. */
export class LogLines implements LogDestination {
  readonly records: Record<string, unknown>[] = [];

  write(line: string): void {
    this.records.push(JSON.parse(line) as Record<string, unknown>);
  }

  clear(): void {
    this.records.length = 0;
  }
}
