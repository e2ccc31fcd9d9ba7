"""The asyncpg pool, opened on first use (a server starts without its database), and which
database failures a client may retry: a database that is away, or a pool with no connection free
in time, is a failure with a reason ("pool_exhausted", "busy", "unavailable"), made into an
exception by the caller (the contract's 503 by default; a domain error in a clean architecture);
anything else is raised as it is (a 500)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import asyncpg

from .errors import storage_unavailable

_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03"}
# character_not_in_repertoire and untranslatable_character: what PostgreSQL answers for a NUL in a
# text parameter, which JSON allows ("\u0000") and text cannot hold.
_INVALID_TEXT_STATES = {"22021", "22P05"}


class Database:
    def __init__(
        self,
        url: str,
        pool_size: int,
        pool_timeout_ms: int,
        failure: Callable[[str], Exception] = storage_unavailable,
    ) -> None:
        self.url = url
        self.pool_size = pool_size
        self.timeout = pool_timeout_ms / 1000
        self.failure = failure
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
        """A pooled connection; `failure(reason)` raised when there is none in time or the database is away."""
        try:
            pool = await self.pool()
            async with pool.acquire(timeout=self.timeout) as connection:
                yield connection
        except BaseException as error:
            reason = retryable_reason(error, self._pool)
            if reason is None:
                raise
            raise self.failure(reason) from error

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


def retryable_reason(error: BaseException, pool: asyncpg.Pool | None) -> str | None:
    """Why the database cannot serve now, for a failure a client may retry; None for a fault."""
    if isinstance(error, TimeoutError):
        busy = pool is not None and pool.get_size() >= pool.get_max_size() and pool.get_idle_size() == 0
        return "pool_exhausted" if busy else "busy"
    if isinstance(error, OSError | asyncpg.exceptions.ConnectionDoesNotExistError | asyncpg.exceptions.InterfaceError):
        return "unavailable"
    if isinstance(error, asyncpg.PostgresError):
        state = getattr(error, "sqlstate", "") or ""
        if state.startswith("08") or state in _UNAVAILABLE_STATES:
            return "unavailable"
    return None


def is_invalid_text(error: BaseException) -> bool:
    """A statement refused for a text value of the request that PostgreSQL cannot store: the request's fault."""
    return isinstance(error, asyncpg.PostgresError) and getattr(error, "sqlstate", None) in _INVALID_TEXT_STATES


def iso_millis(moment: datetime) -> str:
    """Date#toISOString(): UTC, to the millisecond (truncated, as a JavaScript Date keeps it)."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
