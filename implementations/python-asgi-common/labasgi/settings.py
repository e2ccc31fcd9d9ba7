"""Reading the environment every lab implementation reads, with the Node implementations' names,
defaults and messages (implementations/contract/src/app-options.ts). Each app composes its own
settings from these readers, in the order the Node implementations check them."""

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

DEFAULT_UPLOAD_LIMIT_BYTES = 32 * 1024 * 1024


class SettingsError(Exception):
    """A setting that is missing or wrong; the server refuses to start with its message."""


def positive_integer(env: Mapping[str, str], name: str, fallback: int) -> int:
    raw = env.get(name, "")
    if raw == "":
        return fallback
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1 or int(raw) > 2**53 - 1:
        raise SettingsError(f'{name} must be a positive integer, got "{raw}"')
    return int(raw)


def upstream_url(env: Mapping[str, str]) -> str:
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


def database_url(env: Mapping[str, str]) -> str:
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


def redis_url(env: Mapping[str, str]) -> str:
    raw = env.get("REDIS_URL", "")
    if raw == "":
        raise SettingsError(
            "REDIS_URL is not set: start the server with REDIS_URL=redis://<host>:<port> of a Redis it may use as "
            "cache and session store"
        )
    if urlsplit(raw).scheme not in ("redis", "rediss"):
        raise SettingsError("REDIS_URL must be a redis:// or rediss:// URL")
    return raw


def auth_secret(env: Mapping[str, str]) -> str:
    """AUTH_SECRET, or the development default the Node implementations use."""
    return env.get("AUTH_SECRET") or "lab-secret"


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


S = TypeVar("S")


def settings_or_exit(server_name: str, read: Callable[[Mapping[str, str]], S], env: Mapping[str, str]) -> S:
    """The settings, or the process ends with exit code 1 and `<name> failed to start: <why>`."""
    try:
        return read(env)
    except SettingsError as error:
        print(f"{server_name} failed to start: {error}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
