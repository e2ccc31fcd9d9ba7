import { type CreateUserRequest, type User, type UserList } from '@lab/contract';
import { insertUser, selectUser, selectUsers, type DatabasePool } from '@lab/node-backend';
import { Inject, Injectable } from '@nestjs/common';
import { DATABASE_POOL } from '../infrastructure/tokens.js';

/**
 * The users table through @lab/contract's named queries (implementations/sql/users.sql), on the
 * shared pool. A missing user rejects with the contract's 404, a taken email with its 409.
 */
@Injectable()
export class UsersService {
  constructor(@Inject(DATABASE_POOL) private readonly pool: DatabasePool) {}

  list(limit: number): Promise<UserList> {
    return selectUsers(this.pool, limit);
  }

  get(id: number): Promise<User> {
    return selectUser(this.pool, id);
  }

  /** Inserted in a transaction of its own. */
  create(user: CreateUserRequest): Promise<User> {
    return insertUser(this.pool, user);
  }
}
