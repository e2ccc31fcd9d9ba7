"""The PostgreSQL pool (psycopg 3, psycopg_pool) and the contract's mapping of database failures.

A query waits at most DATABASE_POOL_TIMEOUT_MS for a connection. psycopg_pool opens connections in
its own threads and retries a failed one later, so a client waiting for one never hears that the
database refused it: it would wait out the whole timeout and be told the pool is exhausted. The
wait is therefore taken in short slices, and a slice that ends while the latest connection
attempt has failed answers at once that the database is unavailable (a 503 with retry-after: 1,
as the Node implementations answer ECONNREFUSED).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from labwsgi.contract import ContractError, Messages, retry_later
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


# ---------------------------------------------------------------------------------------------
# implementations/sql/*.sql: named queries

_NAME = re.compile(r"^--\s*name:\s*(\S+)\s*$")
_PLACEHOLDER = re.compile(r"\$(\d+)")


def parse_queries(text: str) -> dict[str, str]:
    """`-- name: x` starts a query that runs to the next one; other `--` lines are comments."""
    queries: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = _NAME.match(line.strip())
        if match:
            current = queries.setdefault(match[1], [])
        elif current is not None and not line.strip().startswith("--"):
            current.append(line)
    return {name: to_psycopg("\n".join(lines).strip().removesuffix(";").rstrip()) for name, lines in queries.items()}


def to_psycopg(sql: str) -> str:
    """$1, $2, ... (each once, in order, in the lab's queries) become psycopg's %s."""
    numbers = [int(number) for number in _PLACEHOLDER.findall(sql)]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"placeholders must appear once each, in order: {sql}")
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


def load_queries(folder: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    for path in sorted(folder.glob("*.sql")):
        queries.update(parse_queries(path.read_text(encoding="utf-8")))
    return queries


class Database:
    """The pool of one worker process, opened on first use (a forked worker makes its own)."""

    def __init__(self, url: str, pool_size: int, pool_timeout_ms: int):
        self.state = ConnectState()
        self.timeout_seconds = pool_timeout_ms / 1000
        self.pool: ConnectionPool[Any] = ConnectionPool(
            url,
            min_size=0,
            max_size=pool_size,
            timeout=self.timeout_seconds,
            open=False,
            connection_class=tracking_connection_class(self.state),
            kwargs={"autocommit": True, "connect_timeout": connect_timeout_seconds(pool_timeout_ms)},
            name="lab",
        )
        self._opened = False

    @contextmanager
    def connection(self) -> Iterator[Any]:
        if not self._opened:
            self.pool.open()
            self._opened = True
        conn = getconn(self.pool, self.state, self.timeout_seconds)
        try:
            yield conn
        finally:
            self.pool.putconn(conn)

    def close(self) -> None:
        if self._opened:
            self.pool.close(timeout=5)
