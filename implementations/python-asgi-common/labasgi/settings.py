"""The settings of the common API as the ASGI apps read them (each app composes its own from these
readers, in the order the Node implementations check them). The readers, with the Node
implementations' names, defaults and messages, are labcommon.environment, shared with the WSGI
implementations and re-exported here."""

from collections.abc import Mapping
from dataclasses import dataclass

from labcommon.environment import (
    SettingsError,
    auth_secret,
    database_url,
    positive_integer,
    redis_url,
    settings_or_exit,
    upstream_url,
)
from labcommon.errors import DEFAULT_UPLOAD_LIMIT_BYTES

__all__ = [
    "DEFAULT_UPLOAD_LIMIT_BYTES",
    "CommonSettings",
    "SettingsError",
    "auth_secret",
    "database_url",
    "positive_integer",
    "read_common_settings",
    "redis_url",
    "settings_or_exit",
    "upstream_url",
]


@dataclass(frozen=True)
class CommonSettings:
    """What the common API (scenarios 01-08) reads; an app with more scenarios extends it."""

    upstream_url: str
    upstream_timeout_ms: int
    upstream_connections: int
    auth_secret: str
    upload_limit_bytes: int
    database_url: str
    database_pool_size: int
    database_pool_timeout_ms: int


def read_common_settings(env: Mapping[str, str]) -> CommonSettings:
    """The common API's settings, in the order the Node implementations check them."""
    return CommonSettings(
        upstream_url=upstream_url(env),
        upstream_timeout_ms=positive_integer(env, "UPSTREAM_TIMEOUT_MS", 5000),
        upstream_connections=positive_integer(env, "UPSTREAM_CONNECTIONS", 128),
        auth_secret=auth_secret(env),
        upload_limit_bytes=positive_integer(env, "UPLOAD_LIMIT_BYTES", DEFAULT_UPLOAD_LIMIT_BYTES),
        database_url=database_url(env),
        database_pool_size=positive_integer(env, "DATABASE_POOL_SIZE", 10),
        database_pool_timeout_ms=positive_integer(env, "DATABASE_POOL_TIMEOUT_MS", 5000),
    )
