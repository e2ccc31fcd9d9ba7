// The statements behind the /users routes (scenarios 03 and 04), shared so that every
// implementation runs the same SQL through the same driver: what the lab compares is the
// framework around them. Parameterised throughout; no value is ever written into SQL text.
import pg from 'pg';
import type { DatabasePool } from './database.js';
import { errorMessages, HttpError } from '@lab/contract';
import { inTransaction } from './scenarios/transaction.js';
import { loadQueries } from './sql.js';
import type { CreateUserRequest, User, UserList } from '@lab/contract';

/** The columns of a user, in the order of userSchema. */
export const userColumns = 'id, email, name, country, created_at';

/** implementations/sql/users.sql. */
export const userQueries = loadQueries('users', { list: 'user_list', byId: 'user_by_id', insert: 'user_insert' });

/** What PostgreSQL named the unique index of `email text UNIQUE` in fixtures/sql/001_users.sql. */
const emailUniqueConstraint = 'users_email_key';
const uniqueViolation = '23505';

export interface UserRow {
  // pg reads a bigint as text, since not every bigint fits in a number.
  id: string;
  email: string;
  name: string;
  country: string;
  created_at: Date;
}

// Keys in the order of userSchema, so that JSON.stringify writes the bytes a schema-driven
// serialiser writes.
export function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    email: row.email,
    name: row.name,
    country: row.country,
    createdAt: row.created_at.toISOString(),
  };
}

/** Where a user can be read: the location of a user that POST /users created. */
export function userPath(id: number): string {
  return `/users/${id}`;
}

/** The first `limit` users by id. */
export async function selectUsers(pool: DatabasePool, limit: number): Promise<UserList> {
  const { rows } = await pool.query<UserRow>(userQueries.list, [limit]);
  return { users: rows.map(toUser) };
}

/** The user with this id; the contract's 404 when there is none. */
export async function selectUser(pool: DatabasePool, id: number): Promise<User> {
  const { rows } = await pool.query<UserRow>(userQueries.byId, [id]);
  const [row] = rows;
  if (!row) throw new HttpError(404, errorMessages.userNotFound(id));
  return toUser(row);
}

/**
 * Inserts a user in a transaction of its own and answers with the stored row. An email that is
 * taken is the contract's 409; any other failure is rethrown as it is, for a 500.
 */
export async function insertUser(pool: DatabasePool, { email, name, country }: CreateUserRequest): Promise<User> {
  try {
    const { rows } = await inTransaction(pool, (client) =>
      client.query<UserRow>(userQueries.insert, [email, name, country]),
    );
    // INSERT ... RETURNING of one row returns that row.
    return toUser(rows[0]!);
  } catch (error) {
    // Rolled back by now, and the connection given back (or closed, when even that failed).
    throw isEmailTaken(error) ? new HttpError(409, errorMessages.emailTaken(email)) : error;
  }
}

// The constraint is checked too: a clash on any other unique key is not the client's email.
function isEmailTaken(error: unknown): boolean {
  return (
    error instanceof pg.DatabaseError && error.code === uniqueViolation && error.constraint === emailUniqueConstraint
  );
}
