import pg from 'pg';

/**
 * Waits until no other session of the database is running a statement, seen idle in several
 * samples in a row. A load that stops cuts requests off in flight, but the target finishes
 * them: writes of the previous variant would land after this one's reset and count as its own,
 * and would load the database during its warm-up. Gives up (and says so) after `timeoutMs`.
 */
export async function waitForQuietDatabase(databaseUrl: string, timeoutMs = 20_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    // Row-by-row work is idle between its statements for a moment only: 5 quiet samples 20 ms apart rule it out.
    for (let quiet = 0; quiet < 5;) {
      const { rows } = await client.query<{ busy: number }>(
        `SELECT count(*)::integer AS busy FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
      );
      quiet = rows[0]!.busy === 0 ? quiet + 1 : 0;
      if (Date.now() > deadline) throw new Error(`the database was still busy ${timeoutMs} ms after the previous load`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}
