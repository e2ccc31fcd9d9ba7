"""The environment (the lab's names, defaults and messages), read once at start. Scenarios 01-08
only: no Redis, so REDIS_URL is not read."""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


class SettingsError(Exception):
    pass


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


def _positive_integer(env: Mapping[str, str], name: str, fallback: int) -> int:
    raw = env.get(name, "")
    if raw == "":
        return fallback
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1 or int(raw) > 2**53 - 1:
        raise SettingsError(f'{name} must be a positive integer, got "{raw}"')
    return int(raw)


def read_settings(env: Mapping[str, str]) -> Settings:
    upstream = env.get("UPSTREAM_URL", "")
    if upstream == "":
        raise SettingsError(
            "UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API "
            "(implementations/upstream)"
        )
    if urlsplit(upstream).scheme != "http" or not urlsplit(upstream).netloc:
        raise SettingsError(f'UPSTREAM_URL must be an http:// URL, got "{upstream}"')
    upstream_timeout_ms = _positive_integer(env, "UPSTREAM_TIMEOUT_MS", 5000)
    upstream_connections = _positive_integer(env, "UPSTREAM_CONNECTIONS", 128)
    auth_secret = env.get("AUTH_SECRET") or "lab-secret"
    upload_limit_bytes = _positive_integer(env, "UPLOAD_LIMIT_BYTES", 32 * 1024 * 1024)
    database = env.get("DATABASE_URL", "")
    if database == "":
        raise SettingsError(
            "DATABASE_URL is not set: start the server with "
            "DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by "
            "fixtures/lab-database.ts"
        )
    if urlsplit(database).scheme not in ("postgres", "postgresql"):
        raise SettingsError("DATABASE_URL must be a postgres:// or postgresql:// URL")
    return Settings(
        upstream_url=upstream,
        upstream_timeout_ms=upstream_timeout_ms,
        upstream_connections=upstream_connections,
        auth_secret=auth_secret,
        upload_limit_bytes=upload_limit_bytes,
        database_url=database,
        database_pool_size=_positive_integer(env, "DATABASE_POOL_SIZE", 10),
        database_pool_timeout_ms=_positive_integer(env, "DATABASE_POOL_TIMEOUT_MS", 5000),
    )
