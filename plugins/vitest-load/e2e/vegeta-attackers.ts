import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort, { portNumbers } from 'get-port';
import { prepareRequest } from '../src/load/prepared-request.ts';
import { vegetaBinary } from '../src/load/vegeta/vegeta-binary.ts';
import { targetsFileText, vegetaTargets } from '../src/load/vegeta/vegeta-targets.ts';

export const fixtureRoot = fileURLToPath(new URL('./fixture/', import.meta.url));

/** The fixture's busy-wait server on a loopback port of its own, until `stop`. */
export async function startFixtureServer(env: Record<string, string>): Promise<{ url: string; stop(): void }> {
  const port = await getPort({ host: '127.0.0.1', port: portNumbers(20_000, 32_000) });
  const server: ChildProcess = spawn(process.execPath, [join(fixtureRoot, 'server.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await fetch(`${url}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return { url, stop: () => void server.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.kill('SIGKILL');
  throw new Error(`the fixture server did not answer on ${url}/health within 5 s`);
}

/**
 * N vegeta attackers side by side, as N machines would run them: one targets file, each at
 * `ratePerAttacker` for `seconds`, each writing its own results file. Returns the files.
 */
export async function runAttackers(
  url: string,
  folder: string,
  attackers: number,
  ratePerAttacker: number,
  seconds: number,
): Promise<string[]> {
  const binary = await vegetaBinary({ env: process.env, root: fixtureRoot });
  const targets = join(folder, 'targets.jsonl');
  const request = prepareRequest({ method: 'GET', path: '/work', headers: {}, weight: 1 });
  await writeFile(targets, targetsFileText(vegetaTargets(url, [request])));
  const files = Array.from({ length: attackers }, (_, index) => join(folder, `results-${index + 1}.bin`));
  await Promise.all(
    files.map(
      (file, index) =>
        new Promise<void>((resolve, reject) => {
          const attack = spawn(
            binary,
            [
              'attack',
              '-format=json',
              `-targets=${targets}`,
              `-rate=${ratePerAttacker}/1s`,
              `-duration=${seconds}s`,
              '-timeout=5s',
              '-max-body=0',
              `-name=attacker-${index + 1}`,
              `-output=${file}`,
            ],
            { stdio: ['ignore', 'ignore', 'pipe'] },
          );
          let stderr = '';
          attack.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          attack.once('error', reject);
          attack.once('close', (code) =>
            code === 0 ? resolve() : reject(new Error(`attacker ${index + 1} ended with ${code}: ${stderr}`)),
          );
        }),
    ),
  );
  return files;
}
