"""GET /users and GET /users/{id} (scenarios 03 and 04) through the driver LAB_DB_DRIVER names:
asyncpg's pool (the default, shared with every other route), or SQLAlchemy 2's asyncio engine
over asyncpg, running the same statements of implementations/sql/users.sql as `text()` with its
own pool of DATABASE_POOL_SIZE connections. SQLAlchemy keeps its default: each connection taken
from its pool begins a transaction on the first statement and is rolled back when given back, so
a read is BEGIN, the SELECT and ROLLBACK (asyncpg's: the SELECT alone)."""

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import sqlalchemy.exc
from labasgi.errors import storage_unavailable
from labasgi.postgres import Database, retryable_reason
from labasgi.sql import load_queries
from sqlalchemy import TextClause, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

USERS = load_queries("users", "user_list", "user_by_id")

Row = Mapping[str, Any]


class UserReads(Protocol):
    async def first_users(self, limit: int) -> Sequence[Row]: ...

    async def user_by_id(self, user_id: int) -> Row | None: ...

    async def close(self) -> None: ...


class AsyncpgUserReads:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def first_users(self, limit: int) -> Sequence[Row]:
        async with self.database.connection() as connection:
            return await connection.fetch(USERS["user_list"], limit)

    async def user_by_id(self, user_id: int) -> Row | None:
        async with self.database.connection() as connection:
            return await connection.fetchrow(USERS["user_by_id"], user_id)

    async def close(self) -> None:
        """The pool is the app's; it closes it."""


_PLACEHOLDER = re.compile(r"\$(\d+)")


def named_parameters(sql: str) -> TextClause:
    """A statement with PostgreSQL's `$1` as SQLAlchemy's `:p1` (implementations/sql/README.md allows it)."""
    return text(_PLACEHOLDER.sub(r":p\1", sql))


def sqlalchemy_url(database_url: str) -> str:
    """DATABASE_URL (postgres:// or postgresql://) for SQLAlchemy's asyncpg dialect."""
    return make_url(database_url).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def _retryable_reason(error: BaseException) -> str | None:
    """The contract's 503 reasons, looked for along what SQLAlchemy wrapped (`orig`, the cause)."""
    if isinstance(error, sqlalchemy.exc.TimeoutError):
        return "pool_exhausted"
    seen: set[int] = set()
    candidate: BaseException | None = error
    while candidate is not None and id(candidate) not in seen:
        seen.add(id(candidate))
        reason = retryable_reason(candidate, None)
        if reason is not None:
            return reason
        candidate = getattr(candidate, "orig", None) or candidate.__cause__
    return None


class SqlAlchemyUserReads:
    def __init__(self, database_url: str, pool_size: int, pool_timeout_ms: int) -> None:
        timeout = pool_timeout_ms / 1000
        # Nothing connects before the first read, as with the asyncpg pool.
        self.engine: AsyncEngine = create_async_engine(
            sqlalchemy_url(database_url),
            pool_size=pool_size,
            max_overflow=0,
            pool_timeout=timeout,
            pool_recycle=-1,
            connect_args={"timeout": timeout},
        )
        self.list_statement = named_parameters(USERS["user_list"])
        self.by_id_statement = named_parameters(USERS["user_by_id"])

    async def _rows(self, statement: TextClause, parameters: dict[str, Any]) -> Sequence[Row]:
        try:
            async with self.engine.connect() as connection:
                return (await connection.execute(statement, parameters)).mappings().all()
        except Exception as error:
            reason = _retryable_reason(error)
            if reason is None:
                raise
            raise storage_unavailable(reason) from error

    async def first_users(self, limit: int) -> Sequence[Row]:
        return await self._rows(self.list_statement, {"p1": limit})

    async def user_by_id(self, user_id: int) -> Row | None:
        rows = await self._rows(self.by_id_statement, {"p1": user_id})
        return rows[0] if rows else None

    async def close(self) -> None:
        await self.engine.dispose()
