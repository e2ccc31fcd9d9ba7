// Scenario 20, the signed-in user's settings: read, changed, read again.
import type { DatabasePool } from './database.js';
import { HttpError } from '@lab/contract';
import { authErrorMessages, type AccountSettings, type AccountSettingsUpdate } from '@lab/contract';
import { loadQueries } from './sql.js';

/**
 * implementations/sql/auth.sql. Only the fields given change (NULL keeps a column as it is);
 * every update counts a version.
 */
export const accountSettingsQueries = loadQueries('auth', {
  byUserId: 'account_settings_by_user_id',
  update: 'account_settings_update',
});

interface AccountSettingsRow {
  user_id: string;
  display_name: string;
  language: string;
  newsletter: boolean;
  version: number;
}

// Keys in the order of accountSettingsSchema.
function toSettings(row: AccountSettingsRow): AccountSettings {
  return {
    userId: Number(row.user_id),
    displayName: row.display_name,
    language: row.language,
    newsletter: row.newsletter,
    version: row.version,
  };
}

function found(rows: AccountSettingsRow[], userId: number): AccountSettings {
  const [row] = rows;
  if (!row) throw new HttpError(404, authErrorMessages.settingsNotFound(userId));
  return toSettings(row);
}

export async function selectAccountSettings(pool: DatabasePool, userId: number): Promise<AccountSettings> {
  const { rows } = await pool.query<AccountSettingsRow>(accountSettingsQueries.byUserId, [userId]);
  return found(rows, userId);
}

/** One statement, so that concurrent updates of one user each count their version. */
export async function updateAccountSettings(
  pool: DatabasePool,
  userId: number,
  update: AccountSettingsUpdate,
): Promise<AccountSettings> {
  const values = [update.displayName ?? null, update.language ?? null, update.newsletter ?? null, userId];
  const { rows } = await pool.query<AccountSettingsRow>(accountSettingsQueries.update, values);
  return found(rows, userId);
}
