"""The environment every lab implementation reads, with the Node implementations' names, defaults
and messages (implementations/contract/src/app-options.ts)."""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_UPLOAD_LIMIT_BYTES = 32 * 1024 * 1024


class SettingsError(Exception):
    """A setting that is missing or wrong; the server refuses to start with its message."""


@dataclass(frozen=True)
class Settings:
    upstream_url: str
    upstream_timeout_ms: int
    upstream_connections: int
    auth_secret: str
    upload_limit_bytes: int
    database_url: str
    database_pool_size: int
    database_pool_timeout_ms: int
    redis_url: str
    cache_ttl_seconds: int
    session_ttl_seconds: int
    access_token_ttl_seconds: int


def _positive_integer(env: Mapping[str, str], name: str, fallback: int) -> int:
    raw = env.get(name, "")
    if raw == "":
        return fallback
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1 or int(raw) > 2**53 - 1:
        raise SettingsError(f'{name} must be a positive integer, got "{raw}"')
    return int(raw)


def _upstream_url(env: Mapping[str, str]) -> str:
    raw = env.get("UPSTREAM_URL", "")
    if raw == "":
        raise SettingsError(
            "UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API "
            "(implementations/upstream)"
        )
    parts = urlsplit(raw)
    if parts.scheme != "http" or not parts.netloc:
        raise SettingsError(f'UPSTREAM_URL must be an http:// URL, got "{raw}"')
    return raw


def _database_url(env: Mapping[str, str]) -> str:
    raw = env.get("DATABASE_URL", "")
    if raw == "":
        raise SettingsError(
            "DATABASE_URL is not set: start the server with "
            "DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by "
            "fixtures/lab-database.ts"
        )
    # Unlike UPSTREAM_URL, the value is not repeated: it may hold a password.
    if urlsplit(raw).scheme not in ("postgres", "postgresql"):
        raise SettingsError("DATABASE_URL must be a postgres:// or postgresql:// URL")
    return raw


def _redis_url(env: Mapping[str, str]) -> str:
    raw = env.get("REDIS_URL", "")
    if raw == "":
        raise SettingsError(
            "REDIS_URL is not set: start the server with REDIS_URL=redis://<host>:<port> of a Redis it may use as "
            "cache and session store"
        )
    if urlsplit(raw).scheme not in ("redis", "rediss"):
        raise SettingsError("REDIS_URL must be a redis:// or rediss:// URL")
    return raw


def read_settings(env: Mapping[str, str]) -> Settings:
    """The settings, in the order the Node implementations check them."""
    return Settings(
        upstream_url=_upstream_url(env),
        upstream_timeout_ms=_positive_integer(env, "UPSTREAM_TIMEOUT_MS", 5000),
        upstream_connections=_positive_integer(env, "UPSTREAM_CONNECTIONS", 128),
        auth_secret=env.get("AUTH_SECRET") or "lab-secret",
        upload_limit_bytes=_positive_integer(env, "UPLOAD_LIMIT_BYTES", DEFAULT_UPLOAD_LIMIT_BYTES),
        database_url=_database_url(env),
        database_pool_size=_positive_integer(env, "DATABASE_POOL_SIZE", 10),
        redis_url=_redis_url(env),
        cache_ttl_seconds=_positive_integer(env, "CACHE_TTL_SECONDS", 60),
        session_ttl_seconds=_positive_integer(env, "SESSION_TTL_SECONDS", 3600),
        access_token_ttl_seconds=_positive_integer(env, "ACCESS_TOKEN_TTL_SECONDS", 900),
        database_pool_timeout_ms=_positive_integer(env, "DATABASE_POOL_TIMEOUT_MS", 5000),
    )
