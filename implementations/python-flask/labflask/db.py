"""The PostgreSQL pool of a Flask worker (psycopg 3, psycopg_pool) and the lab's named queries.

The pool waits for a connection through labwsgi.postgres, which maps the database's failures to
the contract's 503s as python-django does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from labwsgi.postgres import ConnectState, connect_timeout_seconds, getconn, tracking_connection_class
from psycopg_pool import ConnectionPool

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


def sql_folder(env: Mapping[str, str] | None = None) -> Path:
    """LAB_SQL_DIR, or the lab's implementations/sql beside this implementation."""
    env = os.environ if env is None else env
    return Path(env.get("LAB_SQL_DIR") or Path(__file__).resolve().parents[2] / "sql")


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
