import type { Readable } from 'node:stream';

/** Keeps the last lines a stream printed, so a dying target can say why it died. */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(
    stream: Readable | null,
    private readonly maxLines = 20,
  ) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.append(chunk));
  }

  append(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-this.maxLines).join('\n');
  }
}
