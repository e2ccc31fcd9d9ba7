-- Scenarios 17 and 20: the login's credentials (scrypt hashes, implementations/contract/src/password-hash.ts)
-- and the signed-in user's settings.

-- name: auth_credentials_by_email
-- The user id and password hash of the user with this email; no row for a user without a password.
SELECT c.user_id, c.password_hash FROM users u JOIN user_credentials c ON c.user_id = u.id WHERE u.email = $1;

-- name: auth_credentials_insert
-- The password hash of a user who signed up (POST /flash/signup), in the sign-up's transaction.
INSERT INTO user_credentials (user_id, password_hash) VALUES ($1, $2);

-- name: account_settings_by_user_id
-- The user's settings (GET /account/settings).
SELECT user_id, display_name, language, newsletter, version FROM account_settings WHERE user_id = $1;

-- name: account_settings_update
-- Only the fields given change (NULL keeps a column as it is); every update counts a version.
-- displayName, language, newsletter, then the user id.
UPDATE account_settings SET display_name = COALESCE($1, display_name), language = COALESCE($2, language),
  newsletter = COALESCE($3, newsletter), version = version + 1 WHERE user_id = $4 RETURNING user_id, display_name, language, newsletter, version;
