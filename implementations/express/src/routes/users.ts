import { type CreateUserRequest, type User, type UserList, type UserParams, type UsersQuery } from '@lab/contract';
import { insertUser, selectUser, selectUsers, userPath, type DatabasePool } from '@lab/node-backend';
import type { Request, Response } from 'express';

// Express 5 sends a rejected promise to the error handler: a 404 or 409 HttpError as it is,
// a database failure as a 500.

/** GET /users: the first users by id, as many as validateQuery(usersQuerySchema) let through. */
export function listUsers(pool: DatabasePool) {
  return async (_req: Request, res: Response<UserList, { query: UsersQuery }>): Promise<void> => {
    res.json(await selectUsers(pool, res.locals.query.limit));
  };
}

/** GET /users/:id, with the id validateParams(userParamsSchema) has made a number. */
export function getUser(pool: DatabasePool) {
  return async (_req: Request, res: Response<User, { params: UserParams }>): Promise<void> => {
    res.json(await selectUser(pool, res.locals.params.id));
  };
}

type CreateUserRequestOf = Request<Record<string, string>, User, CreateUserRequest>;

/** POST /users, with the body validateBody(createUserRequestSchema) has checked. */
export function createUser(pool: DatabasePool) {
  return async (req: CreateUserRequestOf, res: Response<User>): Promise<void> => {
    const user = await insertUser(pool, req.body);
    res.status(201).location(userPath(user.id)).json(user);
  };
}
