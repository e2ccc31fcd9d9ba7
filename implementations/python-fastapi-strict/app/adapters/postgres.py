"""The UserRepository on PostgreSQL through an asyncpg pool, opened on first use (a server starts
without its database). A database that is away, or a pool with no connection free in time, is
StorageUnavailable; a taken email EmailTaken; anything else is raised as it is."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import asyncpg

from ..domain.entities import NewUser, User
from ..domain.errors import EmailTaken, StorageUnavailable
from .sql import load_queries

QUERIES = load_queries("users", "user_list", "user_by_id", "user_insert")

_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03"}


class Database:
    def __init__(self, url: str, pool_size: int, pool_timeout_ms: int) -> None:
        self.url = url
        self.pool_size = pool_size
        self.timeout = pool_timeout_ms / 1000
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()

    async def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(
                        self.url,
                        min_size=0,
                        max_size=self.pool_size,
                        timeout=self.timeout,
                        max_inactive_connection_lifetime=60,
                    )
        return self._pool

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection; the contract's 503s when there is none in time or the database is away."""
        try:
            pool = await self.pool()
            async with pool.acquire(timeout=self.timeout) as connection:
                yield connection
        except StorageUnavailable:
            raise
        except BaseException as error:
            mapped = database_error(error, self._pool)
            if mapped is None:
                raise
            raise mapped from error

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


def database_error(error: BaseException, pool: asyncpg.Pool | None) -> StorageUnavailable | None:
    """StorageUnavailable for a failure a client may retry; None for a fault."""
    if isinstance(error, TimeoutError):
        busy = pool is not None and pool.get_size() >= pool.get_max_size() and pool.get_idle_size() == 0
        return StorageUnavailable("pool_exhausted" if busy else "busy")
    if isinstance(error, OSError | asyncpg.exceptions.ConnectionDoesNotExistError | asyncpg.exceptions.InterfaceError):
        return StorageUnavailable("unavailable")
    if isinstance(error, asyncpg.PostgresError):
        state = getattr(error, "sqlstate", "") or ""
        if state.startswith("08") or state in _UNAVAILABLE_STATES:
            return StorageUnavailable("unavailable")
    return None


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
