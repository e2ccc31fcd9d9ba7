"""The asyncpg pool, opened on first use (a server starts without its database), and database
failures as the contract answers them: a database that is away is a 503 to retry, as is a pool
with no connection free in time; anything else a 500."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg

from .errors import ContractError, Messages, retryable

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
        except ContractError:
            raise
        except BaseException as error:
            mapped = database_error(error, self._pool)
            if mapped is None:
                raise
            raise mapped from error

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()


def database_error(error: BaseException, pool: asyncpg.Pool | None) -> ContractError | None:
    """The contract's 503 for a failure a client may retry; None for a fault (a 500)."""
    if isinstance(error, TimeoutError):
        busy = pool is not None and pool.get_size() >= pool.get_max_size() and pool.get_idle_size() == 0
        return retryable(Messages.pool_exhausted if busy else Messages.database_busy)
    if isinstance(error, OSError | asyncpg.exceptions.ConnectionDoesNotExistError | asyncpg.exceptions.InterfaceError):
        return retryable(Messages.database_unavailable)
    if isinstance(error, asyncpg.PostgresError):
        state = getattr(error, "sqlstate", "") or ""
        if state.startswith("08") or state in _UNAVAILABLE_STATES:
            return retryable(Messages.database_unavailable)
    return None


def iso_millis(moment: datetime) -> str:
    """Date#toISOString(): UTC, to the millisecond (truncated, as a JavaScript Date keeps it)."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def user_json(row: asyncpg.Record) -> dict[str, object]:
    """A user as the contract answers it, keys in the schema's order."""
    return {
        "id": int(row["id"]),
        "email": row["email"],
        "name": row["name"],
        "country": row["country"],
        "createdAt": iso_millis(row["created_at"]),
    }


__all__ = ["ContractError", "Database", "database_error", "iso_millis", "user_json"]
