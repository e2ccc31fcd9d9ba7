import {
  createUserRequestSchema,
  errorResponseSchema,
  userListSchema,
  userParamsSchema,
  userSchema,
  usersQuerySchema,
  type CreateUserRequest,
  type User,
  type UserList,
  type UserParams,
  type UsersQuery,
} from '@lab/contract';
import { insertUser, selectUser, selectUsers, userPath, type AppOptions } from '@lab/node-backend';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { postgres } from '../postgres.js';
import { urlValidatorCompiler } from '../url-validation.js';

// A failed query throws: the error handler answers a 404 or 409 HttpError as it is, and a
// database failure as a 500.
const errorResponses = { '4xx': errorResponseSchema, '5xx': errorResponseSchema } as const;

/**
 * find-my-way, Fastify 5's router, lets a path's last parameter match nothing, so /users/ comes to
 * /users/:id with an empty id. Express's router does not, and to the contract /users/ is an
 * unknown route, as /health/ is.
 */
export async function emptyIdIsUnknown(request: FastifyRequest, reply: FastifyReply) {
  // Before validation, a path parameter is still the router's text.
  const { id } = request.params as Record<'id', string>;
  if (id !== '') return;
  reply.callNotFound();
  // An async hook that has answered says so by returning the reply.
  return reply;
}

/** Scenario 03: reads, whose limit and id come from the URL and are coerced from text. */
const readUserRoutes: FastifyPluginAsync = async (app) => {
  app.setValidatorCompiler(urlValidatorCompiler);

  app.get<{ Querystring: UsersQuery; Reply: UserList }>(
    '/users',
    { schema: { querystring: usersQuerySchema, response: { 200: userListSchema, ...errorResponses } } },
    async (request) => selectUsers(app.pg, request.query.limit),
  );

  app.get<{ Params: UserParams; Reply: User }>(
    '/users/:id',
    {
      onRequest: emptyIdIsUnknown,
      schema: { params: userParamsSchema, response: { 200: userSchema, ...errorResponses } },
    },
    async (request) => selectUser(app.pg, request.params.id),
  );
};

/** Scenario 04: a write, whose body the root's validator checks without coercion, as /echo's. */
const createUserRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: CreateUserRequest; Reply: User }>(
    '/users',
    { schema: { body: createUserRequestSchema, response: { 201: userSchema, ...errorResponses } } },
    async (request, reply) => {
      const user = await insertUser(app.pg, request.body);
      reply.code(201).header('location', userPath(user.id));
      return user;
    },
  );
};

/**
 * The /users routes in a context of their own that holds the database pool, so that no other
 * route sees it. Reads and write are plugins apart because they need different validators.
 */
export const usersRoutes: FastifyPluginAsync<Pick<AppOptions, 'databaseUrl' | 'databasePoolSize'>> = async (
  app,
  options,
) => {
  await app.register(postgres, options);
  app.register(readUserRoutes);
  app.register(createUserRoutes);
};
