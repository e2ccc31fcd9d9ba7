// POST /flash/signup: a user and the scrypt hash of their password, in one transaction, so that
// the user can log in at once at POST /auth/login (login.ts), which reads both.
import pg from 'pg';
import type { DatabasePool } from '../database.js';
import { errorMessages, HttpError } from '@lab/contract';
import { hashPassword } from '../password-hash.js';
import { inTransaction } from '../scenarios/transaction.js';
import { toUser, userQueries, type UserRow } from '../users.js';
import type { SignupRequest, SignupResponse } from '@lab/contract';
import { loadQueries } from '../sql.js';

/** implementations/sql/auth.sql; the user itself is users.sql's user_insert. */
export const signupQueries = loadQueries('auth', { credentials: 'auth_credentials_insert' });

const uniqueViolation = '23505';

/** The new user as stored; a taken email is the contract's 409, as for POST /users. */
export async function signUp(
  pool: DatabasePool,
  { email, name, country, password }: SignupRequest,
): Promise<SignupResponse> {
  // Hashed before the transaction, so that no connection is held through tens of ms of KDF.
  const passwordHash = await hashPassword(password);
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<UserRow>(userQueries.insert, [email, name, country]);
      const row = rows[0]!;
      await client.query(signupQueries.credentials, [row.id, passwordHash]);
      return toUser(row);
    });
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === uniqueViolation && error.constraint === 'users_email_key') {
      throw new HttpError(409, errorMessages.emailTaken(email));
    }
    throw error;
  }
}
