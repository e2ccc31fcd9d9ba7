import {
  createUserRequestSchema,
  userParamsSchema,
  usersQuerySchema,
  type CreateUserRequest,
  type User,
  type UserList,
  type UserParams,
  type UsersQuery,
} from '@lab/contract';
import { userPath } from '@lab/node-backend';
import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ValidBody, ValidParams, ValidQuery } from '../common/json-schema.pipe.js';
import { UsersService } from './users.service.js';

@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** The first users by id. */
  @Get()
  list(@ValidQuery(usersQuerySchema) { limit }: UsersQuery): Promise<UserList> {
    return this.users.list(limit);
  }

  @Get(':id')
  get(@ValidParams(userParamsSchema) { id }: UserParams): Promise<User> {
    return this.users.get(id);
  }

  /** 201 with the user and where it lives. */
  @Post()
  @HttpCode(201)
  async create(
    @ValidBody(createUserRequestSchema) body: CreateUserRequest,
    @Res({ passthrough: true }) response: unknown,
  ): Promise<User> {
    const user = await this.users.create(body);
    // Through the adapter, so that the same controller serves Express's response and Fastify's reply.
    this.adapterHost.httpAdapter.setHeader(response, 'location', userPath(user.id));
    return user;
  }
}
