"""The settings of a WSGI implementation, read from the environment with the Node implementations'
names, defaults and startup messages (labcommon.environment, shared with the ASGI implementations).

Only what the WSGI implementations use is read: they have no Redis route (they serve 01-08), so
REDIS_URL is neither needed nor read.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from labcommon.environment import SettingsError, auth_secret, database_url, host, port, positive_integer, upstream_url
from labcommon.errors import DEFAULT_UPLOAD_LIMIT_BYTES

__all__ = ["Settings", "SettingsError", "read_settings"]


@dataclass(frozen=True)
class Settings:
    port: int
    host: str
    upstream_url: str
    upstream_timeout_ms: int
    auth_secret: str
    upload_limit_bytes: int
    database_url: str
    database_pool_size: int
    database_pool_timeout_ms: int


def read_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings, in the order the Node implementations check them; SettingsError names what is wrong."""
    env = os.environ if env is None else env
    return Settings(
        port=port(env),
        host=host(env),
        upstream_url=upstream_url(env),
        upstream_timeout_ms=positive_integer(env, "UPSTREAM_TIMEOUT_MS", 5000),
        auth_secret=auth_secret(env),
        upload_limit_bytes=positive_integer(env, "UPLOAD_LIMIT_BYTES", DEFAULT_UPLOAD_LIMIT_BYTES),
        database_url=database_url(env),
        database_pool_size=positive_integer(env, "DATABASE_POOL_SIZE", 10),
        database_pool_timeout_ms=positive_integer(env, "DATABASE_POOL_TIMEOUT_MS", 5000),
    )
