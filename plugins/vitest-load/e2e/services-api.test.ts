import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startAvailableServices,
  startPostgres,
  startRedis,
  startServices,
  type RunningService,
} from '../src/targets/services/index.ts';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe('services started for a run', () => {
  let own: RunningService;
  beforeAll(async () => {
    own = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await own?.stop();
  });

  it('records the embedded PostgreSQL version and the benchmarking settings it chose', () => {
    expect(own.description).toMatchObject({ name: 'postgres', origin: 'embedded' });
    expect(own.description.version).toMatch(/^1\d\.\d+/);
    expect(own.description.settings).toMatchObject({
      fsync: 'off',
      synchronous_commit: 'off',
      shared_buffers: '256MB',
      max_connections: '200',
    });
  });

  it('uses a PostgreSQL given in DATABASE_URL instead of starting one, and leaves it running when stopped', async () => {
    const url = own.env.DATABASE_URL!;
    const set = await startServices(['postgres'], { DATABASE_URL: url });
    expect(set.env.DATABASE_URL).toBe(url);
    expect(set.descriptions[0]).toMatchObject({ origin: 'external', version: own.description.version });
    await set.stop();
    expect(await selectOne(url)).toBe(1);
  });

  it('says in one line how to get redis-server when it is missing', async () => {
    await expect(startRedis('/nonexistent/redis-server')).rejects.toThrow(
      'redis-server is not on the PATH: install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL to a Redis of your own',
    );
  });

  it('stops what it started when another service of the set cannot start', async () => {
    const before = await countProcesses('postgres');
    await expect(startServices(['postgres', 'redis'], { PATH: '/nonexistent' })).rejects.toThrow(
      'redis-server is not on the PATH',
    );
    expect(await countProcesses('postgres')).toBe(before);
  }, 60_000);

  it('keeps the services that started and names the one that could not, with its reason, when asked to go on', async () => {
    const set = await startAvailableServices(['postgres', 'redis'], {
      PATH: '/nonexistent',
      DATABASE_URL: own.env.DATABASE_URL!,
    });
    try {
      expect(set.descriptions.map((service) => service.name)).toEqual(['postgres']);
      expect(set.env.DATABASE_URL).toBe(own.env.DATABASE_URL);
      expect(set.unavailable).toEqual([
        { name: 'redis', reason: expect.stringContaining('apt-get install -y redis-server') as string },
      ]);
    } finally {
      await set.stop();
    }
  });

  it('names PostgreSQL as unavailable when the server at DATABASE_URL does not answer', async () => {
    const set = await startAvailableServices(['postgres'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/lab' });
    expect(set.services).toEqual([]);
    expect(set.unavailable).toEqual([
      { name: 'postgres', reason: expect.stringMatching(/ECONNREFUSED|connect/) as string },
    ]);
  });
});

async function countProcesses(name: string): Promise<number> {
  const { readdir, readFile } = await import('node:fs/promises');
  let count = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === name) count++;
  }
  return count;
}
