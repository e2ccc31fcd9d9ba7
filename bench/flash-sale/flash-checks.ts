// What the flash-sale suites share: the credentials a load sends, and PostgreSQL's own count of
// the statements a load made it run.
import {
  appOptionDefaults,
  importAccessTokenKey,
  issueAccessToken,
} from '../../implementations/node-backend/src/index.ts';
import { queryLabDatabase } from '../../fixtures/lab-database.ts';

/**
 * A load's headers are fixed when the suite file is collected, before any target runs, so a
 * suite cannot send a token a login answers: it signs its own under the targets' AUTH_SECRET
 * (they are given none, so the contract's default), valid for an hour. A JWT is stateless: one
 * signed with the key is as good as one POST /auth/login issued (bench/auth/auth-checks.ts).
 */
export async function bearerOf(userId: number): Promise<Record<string, string>> {
  const token = await issueAccessToken(userId, await importAccessTokenKey(appOptionDefaults.authSecret), 3600);
  return { authorization: `Bearer ${token}` };
}

/**
 * The statements PostgreSQL ran since the plugin reset pg_stat_statements at the start of the
 * measured load; only those whose text is one of `queries` when given, else all but the reading
 * of pg_stat_statements itself.
 */
export async function statementsDuringLoad(databaseUrl: string, queries?: readonly string[]): Promise<number> {
  const [row] = await queryLabDatabase<{ calls: string | null }>(
    databaseUrl,
    `SELECT sum(calls) AS calls FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
        AND ($1::text[] IS NULL OR query = ANY($1::text[]))`,
    [queries ?? null],
  );
  return Number(row?.calls ?? 0);
}
