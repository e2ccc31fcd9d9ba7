import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LoadOutcome, ResponseRecorder } from '../../measure/measurement.ts';
import type { PreparedRequest } from '../prepared-request.ts';
import { vegetaAttackArguments } from './vegeta-arguments.ts';
import { vegetaBinary } from './vegeta-binary.ts';
import { parseVegetaRecord, VegetaTally } from './vegeta-records.ts';
import { targetsFileText, vegetaTargets } from './vegeta-targets.ts';

export interface VegetaLoad {
  /** Base URL of the target. */
  url: string;
  requests: PreparedRequest[];
  /** Open model: requests per second; absent for a closed model of `connections`. */
  rate?: number;
  connections: number;
  seconds: number;
  timeoutSeconds: number;
  /** Receives every response; absent for a load whose figures nobody reads. */
  measurement?: ResponseRecorder;
  signal?: AbortSignal;
  /** Where the binary is looked up and cached: the project root. Default: the working directory. */
  root?: string;
}

/** Seconds past the load and its last timeout after which a vegeta that has not ended is stopped. */
const GRACE_SECONDS = 10;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function exited(child: ChildProcess): Promise<Exit> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr: stderr.trim() }));
  });
}

/**
 * One steady load sent by vegeta: its targets written to a file, `vegeta attack` piped into
 * `vegeta encode -to json`, and every result recorded as it arrives (so progress reports see
 * them), through the same recorder as the built-in engine's responses.
 */
export async function runVegeta(load: VegetaLoad): Promise<LoadOutcome> {
  const binary = await vegetaBinary({ env: process.env, root: load.root ?? process.cwd() });
  const folder = await mkdtemp(join(tmpdir(), 'vitest-load-vegeta-'));
  try {
    const targetsFile = join(folder, 'targets.jsonl');
    await writeFile(targetsFile, targetsFileText(vegetaTargets(load.url, load.requests)));
    const attack = spawn(
      binary,
      vegetaAttackArguments({
        targetsFile,
        connections: load.connections,
        seconds: load.seconds,
        timeoutSeconds: load.timeoutSeconds,
        ...(load.rate === undefined ? {} : { rate: load.rate }),
      }),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const encode = spawn(binary, ['encode', '-to', 'json'], { stdio: [attack.stdout!, 'pipe', 'pipe'] });
    // encode has its own copy of the pipe now; the parent's would keep attack from closing.
    attack.stdout!.destroy();
    const attackExit = exited(attack);
    const encodeExit = exited(encode);
    // Awaited below; a spawn error before then must not surface as an unhandled rejection.
    for (const exit of [attackExit, encodeExit]) exit.catch(() => undefined);
    // SIGINT makes vegeta stop its attack and write the results it has, as on Ctrl-C.
    const stop = (): void => void attack.kill('SIGINT');
    load.signal?.addEventListener('abort', stop, { once: true });
    const overdue = setTimeout(stop, (load.seconds + load.timeoutSeconds + GRACE_SECONDS) * 1000);
    const tally = new VegetaTally(load.measurement);
    try {
      let line = 0;
      for await (const text of createInterface({ input: encode.stdout!, crlfDelay: Infinity })) {
        line++;
        if (text.trim() !== '') tally.record(parseVegetaRecord(text, `vegeta result ${line}`));
      }
      const [attackEnd, encodeEnd] = await Promise.all([attackExit, encodeExit]);
      for (const [name, end] of [
        ['attack', attackEnd],
        ['encode', encodeEnd],
      ] as const) {
        if (end.code !== 0 && !load.signal?.aborted)
          throw new Error(
            `vegeta ${name} ended with ${end.code === null ? `signal ${end.signal}` : `exit code ${end.code}`}: ${end.stderr || '(no output)'}`,
          );
      }
    } finally {
      clearTimeout(overdue);
      load.signal?.removeEventListener('abort', stop);
      if (attack.exitCode === null) attack.kill('SIGKILL');
      if (encode.exitCode === null) encode.kill('SIGKILL');
    }
    return tally.outcome(load.seconds);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
