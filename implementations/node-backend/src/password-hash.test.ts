import { describe, expect, it } from 'vitest';
import { decoyPasswordHash, hashPassword, scryptCost, verifyPassword } from './password-hash.ts';

describe('hashPassword', () => {
  it('writes scrypt with its cost, salt and key, so that the hash alone can be checked', async () => {
    const hash = await hashPassword('correct horse', Buffer.alloc(16, 1));
    expect(hash).toMatch(
      new RegExp(
        `^scrypt\\$${scryptCost.N}\\$${scryptCost.r}\\$${scryptCost.p}\\$AQEBAQEBAQEBAQEBAQEBAQ==\\$[A-Za-z0-9+/]{43}=$`,
      ),
    );
  });

  it('gives the same hash for the same salt, and another for a random one', async () => {
    const salt = Buffer.alloc(16, 2);
    expect(await hashPassword('pw', salt)).toBe(await hashPassword('pw', salt));
    expect(await hashPassword('pw')).not.toBe(await hashPassword('pw'));
  });
});

describe('verifyPassword', () => {
  it('accepts the password that was hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('refuses every password against a hash it cannot read, and against the decoy', async () => {
    expect(await verifyPassword('pw', 'md5$abc')).toBe(false);
    expect(await verifyPassword('pw', decoyPasswordHash)).toBe(false);
  });
});
