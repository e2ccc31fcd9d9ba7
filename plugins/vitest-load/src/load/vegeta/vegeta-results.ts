import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LoadOutcome, ResponseRecorder } from '../../measure/measurement.ts';
import { parseVegetaRecord, VegetaTally } from './vegeta-records.ts';

/**
 * The results files of N vegeta attackers (any encoding vegeta reads: gob, JSON, CSV) merged into
 * one recorder request by request, through `vegeta encode -to json`: one histogram of every
 * latency, exact rather than a blend of each attacker's percentiles. Every result counts as the
 * recorder's kind 0 (attackers may run targets of their own, without the plugin's kind marks).
 */
export async function mergeVegetaResults(
  binary: string,
  files: string[],
  recorder: ResponseRecorder,
): Promise<LoadOutcome> {
  const asOneKind: ResponseRecorder = {
    recordResponse: (_kind, status, bytes, latencyMs) => recorder.recordResponse(0, status, bytes, latencyMs),
    ...(recorder.recordFailure ? { recordFailure: recorder.recordFailure.bind(recorder) } : {}),
    get responses() {
      return recorder.responses;
    },
  };
  const tally = new VegetaTally(asOneKind);
  const encode = spawn(binary, ['encode', '-to', 'json', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  encode.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exit = new Promise<number | null>((resolve, reject) => {
    encode.once('error', reject);
    encode.once('close', resolve);
  });
  exit.catch(() => undefined);
  try {
    let line = 0;
    for await (const text of createInterface({ input: encode.stdout, crlfDelay: Infinity })) {
      line++;
      if (text.trim() !== '') tally.record(parseVegetaRecord(text, `result ${line} of ${files.join(', ')}`, 0));
    }
    const code = await exit;
    if (code !== 0)
      throw new Error(`vegeta encode could not read ${files.join(', ')}: ${stderr.trim() || `exit code ${code}`}`);
  } finally {
    if (encode.exitCode === null) encode.kill('SIGKILL');
  }
  return tally.outcome(0);
}
