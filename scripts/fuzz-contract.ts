// Fuzzes every implementation against implementations/contract/openapi.yaml with schemathesis:
// no 5xx on any input, and every answer a status, content type and body the spec documents.
//
//   bash scripts/fuzz-contract.sh [name ...]      (default: every implementation of implementations/*/lab.json,
//                                                  their variants included: express-deno, fastify-bun, ...)
//
// Starts PostgreSQL and Redis (vitest-load's services; DATABASE_URL / REDIS_URL when set), seeds
// every scenario's tables and the login users, starts the upstream and then each implementation
// with its manifest's `start` (built beforehand: `pnpm build`, or the harness's builds), logs in
// as login user 1 so that the routes behind a JWT are reached, and runs `schemathesis run` on
// the operations of the scenarios the manifest serves. Prints, per implementation, the cases
// generated and the failures, and exits 1 when any implementation failed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServices } from 'vitest-load/services';
import { prepareLoginUsers } from '../fixtures/cache-and-auth.ts';
import { databaseScenarios, prepareDatabaseScenarios } from '../fixtures/database-scenarios.ts';
import { logInAs } from '../fixtures/login-users.ts';
import { issueToken } from '../implementations/node-backend/src/auth-token.ts';
import { readManifests, resolveCommand, type Manifest } from '../implementations/contract/src/testing/manifests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const spec = join(root, 'implementations/contract/openapi.yaml');
const schemathesis =
  process.env['SCHEMATHESIS'] ?? join(root, 'node_modules/.cache/schemathesis/venv/bin/schemathesis');
const reportDir = join(root, 'reports/fuzz-contract');
/** Examples per operation and the wall-clock bound of one implementation's run. */
const maxExamples = Number(process.env['FUZZ_MAX_EXAMPLES'] ?? 50);
const maxSeconds = Number(process.env['FUZZ_MAX_SECONDS'] ?? 170);
/**
 * A variant (lab.json `variants`) runs the code its folder's implementation runs, already fuzzed
 * with maxExamples, on another runtime or with another library: its spec examples and coverage
 * phase run in full, its random phase with fewer examples, which keeps CI's time for the many
 * variants in bounds.
 */
const variantMaxExamples = Number(process.env['FUZZ_VARIANT_MAX_EXAMPLES'] ?? 15);
const checks = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance';

/** The spec's paths of each scenario of lab.json's `serves`, as schemathesis path regexes. */
const scenarioPaths: Record<string, string> = {
  '01': '^/health$',
  '02': '^/echo$',
  '03': '^/users',
  '04': '^/users$',
  '05': '^/external$',
  '06': '^/protected$',
  '07': '^/upload$',
  '09': '^/pagination/',
  '10': '^/columns/',
  '11': '^/n-plus-one/',
  '12': '^/bulk/',
  '13': '^/stock/',
  '14': '^/cache/',
  '15': '^/cache/',
  '16': '^/cache/',
  '17': '^/auth/',
  '18': '^/aggregation/',
  '19': '^/search/',
  '20': '^/account/',
  // The flash sale with its resilience routes (circuit breaker, rate limit, pool, UUID keys).
  flash: '^/flash/|^/external/breaker|^/limited/|^/pool/|^/keys/',
};

/** The implementations to fuzz (every one, variants included, when none is named), from their lab.json. */
function manifests(names: string[]): readonly Manifest[] {
  const all = readManifests();
  if (names.length === 0) return all;
  const missing = names.filter((name) => !all.some((manifest) => manifest.name === name));
  if (missing.length)
    throw new Error(
      `no implementation named ${missing.join(', ')} in implementations/*/lab.json (there are ${all.map((manifest) => manifest.name).join(', ')})`,
    );
  return all.filter((manifest) => names.includes(manifest.name));
}

/** Starts a server and resolves with its base URL once it prints `... listening on http://host:port`. */
interface Server {
  child: ChildProcess;
  baseUrl: string;
  /** The end of what it printed, for a server that died under the fuzzing. */
  output(): string;
}

function startServer(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`${command} did not print "listening on" within 60 s:\n${output.slice(-2000)}`)),
      60_000,
    );
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const listen = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeListener('data', listen);
        child.removeAllListeners('exit');
        child.stdout!.on('data', (more: Buffer) => (output = (output + more.toString()).slice(-20_000)));
        resolve({ child, baseUrl: match[1]!.replace(/\/$/, ''), output: () => output.slice(-4000) });
      }
    };
    child.stdout!.on('data', listen);
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.on('exit', (code) =>
      fail(new Error(`${command} exited with ${code} before it listened:\n${output.slice(-2000)}`)),
    );
    child.on('error', fail);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

interface Outcome {
  name: string;
  cases: number;
  failures: number;
  errors: number;
  seconds: number;
  summary: string;
}

/** The credentials of login user 1 for each of openapi.yaml's security schemes. */
interface Credentials {
  hmacToken: string;
  accessToken: string;
  sessionId: string;
}

function runSchemathesis(manifest: Manifest, baseUrl: string, credentials: Credentials): Outcome {
  const config = join(reportDir, `${manifest.name}.schemathesis.toml`);
  writeFileSync(
    config,
    Object.entries(credentials)
      .map(([scheme, token]) => `[auth.openapi.${scheme}]\nbearer = "${token}"\n`)
      .join('\n'),
  );
  const include =
    process.env['FUZZ_PATHS'] ?? [...new Set(manifest.serves.map((id) => scenarioPaths[id]).filter(Boolean))].join('|');
  const junit = join(reportDir, `${manifest.name}.junit.xml`);
  const args = [
    '--config-file',
    config,
    'run',
    spec,
    '--url',
    baseUrl,
    '--checks',
    checks,
    '--max-examples',
    String(manifest.variantOf ? Math.min(maxExamples, variantMaxExamples) : maxExamples),
    '--phases',
    'examples,coverage,fuzzing',
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--no-shrink',
    '--seed',
    '7',
    '--generation-database',
    'none',
    '--suppress-health-check',
    'all',
    '--no-color',
    '--continue-on-failure',
    '--include-path-regex',
    include,
    '--report',
    process.env['FUZZ_REPORTS'] ?? 'junit',
    '--report-dir',
    reportDir,
    '--report-junit-path',
    junit,
  ];
  const started = Date.now();
  const result = spawnSync(schemathesis, args, {
    encoding: 'utf8',
    timeout: maxSeconds * 1000,
    killSignal: 'SIGINT',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - started) / 1000;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(
    output
      .split('\n')
      .filter((line) => !/^\s*$/.test(line))
      .slice(-120)
      .join('\n') + '\n',
  );
  const cases = Number(
    /Test cases:\s*\n?\s*(\d+) generated/.exec(output)?.[1] ?? /(\d+) generated/.exec(output)?.[1] ?? 0,
  );
  const failures = Number(
    /(\d+) found (\d+) unique failures/.exec(output)?.[2] ?? (/No issues found/.test(output) ? 0 : NaN),
  );
  const errors = Number(/(\d+) errors?\b/.exec(output.split('SUMMARY').pop() ?? '')?.[1] ?? 0);
  const summary = result.error ? `stopped after ${maxSeconds} s (${result.error.message})` : `exit ${result.status}`;
  return { name: manifest.name, cases, failures, errors, seconds, summary };
}

async function main(): Promise<void> {
  const selected = manifests(process.argv.slice(2));
  mkdirSync(reportDir, { recursive: true });
  const services = await startServices(['postgres', 'redis']);
  const databaseUrl = services.env['DATABASE_URL']!;
  const redisUrl = services.env['REDIS_URL']!;
  const children: ChildProcess[] = [];
  const outcomes: Outcome[] = [];
  try {
    console.log('fuzz-contract: preparing the database (every scenario, the login users)');
    await prepareDatabaseScenarios(databaseUrl, databaseScenarios);
    await prepareLoginUsers(databaseUrl);
    const upstream = await startServer('node', ['dist/server.js'], join(root, 'implementations/upstream'), {
      ...process.env,
      PORT: '0',
    });
    children.push(upstream.child);
    // Every quote at once, whatever delay was asked for: the upstream's own delay (up to 10 s)
    // would only eat the time bound, and a timeout's 504 is not what the fuzzing looks for.
    await fetch(`${upstream.baseUrl}/control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'stall', stallMs: 0 }),
    });
    for (const manifest of selected) {
      const env = {
        ...process.env,
        ...manifest.start.env,
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        UPSTREAM_URL: upstream.baseUrl,
        // The fuzzer is one client: it must not be refused as a flood.
        RATE_LIMIT_MAX: '100000',
      };
      let server: Server;
      try {
        // In its folder (a variant's is the implementation's it varies), a relative command from there.
        server = await startServer(
          resolveCommand(manifest, manifest.start.command),
          manifest.start.args,
          manifest.folder,
          env,
        );
      } catch (error) {
        outcomes.push({
          name: manifest.name,
          cases: 0,
          failures: NaN,
          errors: 1,
          seconds: 0,
          summary: `did not start: ${(error as Error).message.split('\n')[0]}`,
        });
        continue;
      }
      children.push(server.child);
      console.log(`\nfuzz-contract: ${manifest.name} at ${server.baseUrl}`);
      // Without scenario 17 there is no login route: the JWT routes are not fuzzed there either.
      const { accessToken, sessionId } = manifest.serves.includes('17')
        ? await logInAs(server.baseUrl, 1)
        : { accessToken: 'none', sessionId: 'none' };
      const hmacToken = issueToken(1, process.env['AUTH_SECRET'] ?? 'lab-secret');
      outcomes.push(runSchemathesis(manifest, server.baseUrl, { hmacToken, accessToken, sessionId }));
      // spawnSync held the event loop: let a server's exit, if it died, be heard first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        console.log(
          `fuzz-contract: ${manifest.name} died (exit ${server.child.exitCode ?? server.child.signalCode}); its last output:\n${server.output()}`,
        );
        outcomes.at(-1)!.summary += `; the server died (exit ${server.child.exitCode ?? server.child.signalCode})`;
      }
      await stop(server.child);
    }
  } finally {
    for (const child of children) await stop(child);
    await services.stop();
  }
  console.log(
    '\nfuzz-contract results (openapi.yaml; checks: ' +
      checks +
      `; up to ${maxExamples} examples per operation, ${Math.min(maxExamples, variantMaxExamples)} for a variant)`,
  );
  for (const outcome of outcomes) {
    console.log(
      `  ${outcome.name.padEnd(16)} ${String(outcome.cases).padStart(6)} cases  ${String(outcome.failures).padStart(3)} failures  ${outcome.seconds.toFixed(0).padStart(4)} s  ${outcome.summary}`,
    );
  }
  console.log(`  JUnit reports: ${reportDir}`);
  if (outcomes.some((outcome) => outcome.failures !== 0 || outcome.errors !== 0)) process.exitCode = 1;
}

await main();
