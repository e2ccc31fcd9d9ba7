"""psycopg_pool as the contract needs it, and the contract's mapping of database failures: Django's
pool (DATABASES OPTIONS "pool", api/backend) and Flask's (labflask/db.py) both wait through getconn().

A query waits at most DATABASE_POOL_TIMEOUT_MS for a connection. psycopg_pool opens connections in
its own threads and retries a failed one later, so a client waiting for one never hears that the
database refused it: it would wait out the whole timeout and be told the pool is exhausted. The
wait is therefore taken in short slices, and a slice that ends while the latest connection
attempt has failed answers at once that the database is unavailable (a 503 with retry-after: 1,
as the Node implementations answer ECONNREFUSED).
"""

from __future__ import annotations

import math
import time
from typing import Any

import psycopg
from labcommon.errors import ContractError, Messages, retry_later
from psycopg_pool import ConnectionPool, PoolTimeout

SLICE_SECONDS = 0.05
# SQLSTATE of a server that ends connections as it shuts down or is not ready yet.
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03"}
EMAIL_UNIQUE_CONSTRAINT = "users_email_key"


class ConnectState:
    """What the pool's latest connection attempt did: None after a success."""

    last_error: Exception | None = None


def tracking_connection_class(state: ConnectState) -> type[psycopg.Connection[Any]]:
    class TrackedConnection(psycopg.Connection):  # type: ignore[type-arg]
        @classmethod
        def connect(cls, *args: Any, **kwargs: Any) -> Any:
            try:
                connection = super().connect(*args, **kwargs)
            except psycopg.Error as error:
                state.last_error = error
                raise
            state.last_error = None
            return connection

    return TrackedConnection


def getconn(pool: ConnectionPool[Any], state: ConnectState, timeout_seconds: float) -> Any:
    """A pooled connection within the timeout, or the contract's 503."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        remaining = deadline - time.monotonic()
        try:
            return pool.getconn(timeout=max(0.001, min(remaining, SLICE_SECONDS)))
        except PoolTimeout:
            if state.last_error is not None:
                raise retry_later(Messages.database_unavailable) from state.last_error
            if time.monotonic() >= deadline:
                raise retry_later(Messages.pool_exhausted) from None


def connect_timeout_seconds(timeout_ms: int) -> int:
    # libpq's connect_timeout is whole seconds, 2 at least.
    return max(2, math.ceil(timeout_ms / 1000))


def retryable_database_error(error: BaseException) -> ContractError | None:
    """A database that is away for a moment is the contract's 503; anything else: None (a 500)."""
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, psycopg.Error):
        cause = cause.__cause__
    if isinstance(cause, PoolTimeout):
        return retry_later(Messages.pool_exhausted)
    if isinstance(cause, psycopg.OperationalError):
        state = cause.sqlstate
        if state is None or state.startswith("08") or state in _UNAVAILABLE_STATES:
            return retry_later(Messages.database_unavailable)
    return None


def is_email_taken(error: BaseException) -> bool:
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, psycopg.Error):
        cause = cause.__cause__
    return isinstance(cause, psycopg.errors.UniqueViolation) and cause.diag.constraint_name == EMAIL_UNIQUE_CONSTRAINT
