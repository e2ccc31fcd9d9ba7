"""The UserRepository on PostgreSQL through python-asgi-common's asyncpg pool, opened on first use
(a server starts without its database). A database that is away, or a pool with no connection free
in time, is StorageUnavailable; a taken email EmailTaken; anything else is raised as it is."""

import asyncpg
from labasgi.postgres import Database
from labasgi.sql import load_queries

from ..domain.entities import NewUser, User
from ..domain.errors import EmailTaken, StorageUnavailable

QUERIES = load_queries("users", "user_list", "user_by_id", "user_insert")


def database(url: str, pool_size: int, pool_timeout_ms: int) -> Database:
    """The pool, reporting a database that cannot serve as the domain's StorageUnavailable."""
    return Database(url, pool_size, pool_timeout_ms, failure=StorageUnavailable)


def _user(row: asyncpg.Record) -> User:
    return User(int(row["id"]), row["email"], row["name"], row["country"], row["created_at"])


class PostgresUserRepository:
    """The UserRepository port on the database."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def first_users(self, limit: int) -> list[User]:
        async with self.database.connection() as connection:
            return [_user(row) for row in await connection.fetch(QUERIES["user_list"], limit)]

    async def user_by_id(self, user_id: int) -> User | None:
        async with self.database.connection() as connection:
            row = await connection.fetchrow(QUERIES["user_by_id"], user_id)
        return None if row is None else _user(row)

    async def insert(self, user: NewUser) -> User:
        try:
            async with self.database.connection() as connection, connection.transaction():
                row = await connection.fetchrow(QUERIES["user_insert"], user.email, user.name, user.country)
        except asyncpg.UniqueViolationError as error:
            if error.constraint_name == "users_email_key":
                raise EmailTaken(user.email) from None
            raise
        return _user(row)
