// Scenario 20, the signed-in user's settings: read, changed, read again.
import type { DatabasePool } from './database.js';
import { HttpError } from './errors.js';
import { authErrorMessages, type AccountSettings, type AccountSettingsUpdate } from './scenarios/auth-schemas.js';

const columns = 'user_id, display_name, language, newsletter, version';

export const accountSettingsQueries = {
  byUserId: `SELECT ${columns} FROM account_settings WHERE user_id = $1`,
  // Only the fields given change (NULL keeps a column as it is); every update counts a version.
  update: `UPDATE account_settings SET display_name = COALESCE($2, display_name), language = COALESCE($3, language),
    newsletter = COALESCE($4, newsletter), version = version + 1 WHERE user_id = $1 RETURNING ${columns}`,
} as const;

interface AccountSettingsRow {
  user_id: string;
  display_name: string;
  language: string;
  newsletter: boolean;
  version: number;
}

// Keys in the order of accountSettingsSchema.
function toSettings(row: AccountSettingsRow): AccountSettings {
  return { userId: Number(row.user_id), displayName: row.display_name, language: row.language, newsletter: row.newsletter, version: row.version };
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
export async function updateAccountSettings(pool: DatabasePool, userId: number, update: AccountSettingsUpdate): Promise<AccountSettings> {
  const values = [userId, update.displayName ?? null, update.language ?? null, update.newsletter ?? null];
  const { rows } = await pool.query<AccountSettingsRow>(accountSettingsQueries.update, values);
  return found(rows, userId);
}
