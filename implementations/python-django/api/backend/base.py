"""Django's PostgreSQL backend, with its psycopg_pool waited on in slices (api/db.py says why)."""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base
from labwsgi.postgres import ConnectState, getconn, tracking_connection_class

# One per process: the pool's connection attempts report here.
connect_state = ConnectState()
connection_class = tracking_connection_class(connect_state)


class SlicedPool:
    """The pool Django made, whose getconn() answers the contract's 503 when it cannot connect."""

    def __init__(self, pool: Any):
        self._pool = pool

    def getconn(self, timeout: float | None = None) -> Any:
        return getconn(self._pool, connect_state, self._pool.timeout if timeout is None else timeout)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


class DatabaseWrapper(base.DatabaseWrapper):
    _sliced: dict[str, SlicedPool] = {}

    @property
    def pool(self) -> Any:
        pool = super().pool
        if pool is None:
            return None
        sliced = self._sliced.get(self.alias)
        if sliced is None or sliced._pool is not pool:
            sliced = self._sliced[self.alias] = SlicedPool(pool)
        return sliced
