// Passwords as scrypt hashes (node:crypto), stored with their parameters and salt so that a hash
// can be checked, and the cost raised later, without a second column:
// "scrypt$<N>$<r>$<p>$<salt, base64>$<key, base64>".
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Node's defaults (N = 2^14, r = 8, p = 1: 16 MiB and some tens of ms per hash). */
export const scryptCost = { N: 16_384, r: 8, p: 1 } as const;
const keyLength = 32;
const saltLength = 16;

function derive(password: string, salt: Buffer, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  // 128 * N * r bytes, with room to spare, since Node's default maxmem is exactly 32 MiB.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new hash of the password; `salt` is random unless given (fixtures give one, to be deterministic). */
export async function hashPassword(password: string, salt: Buffer = randomBytes(saltLength)): Promise<string> {
  const key = await derive(password, salt, scryptCost);
  return ['scrypt', scryptCost.N, scryptCost.r, scryptCost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

const hashPattern = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Whether the password is the one hashed; false for a hash it cannot read. Constant-time compare. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = hashPattern.exec(hash);
  if (!match) return false;
  const [, N, r, p, salt, key] = match;
  const expected = Buffer.from(key!, 'base64');
  const actual = await derive(password, Buffer.from(salt!, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of no one's password, checked when the email is unknown, so that an unknown email
 * takes as long to refuse as a wrong password and the time does not tell which it was.
 */
export const decoyPasswordHash = `scrypt$${scryptCost.N}$${scryptCost.r}$${scryptCost.p}$${Buffer.alloc(saltLength).toString('base64')}$${Buffer.alloc(keyLength).toString('base64')}`;
