"""Reading the environment every lab implementation reads, with the Node implementations' names,
defaults and messages (implementations/node-backend/src/app-options.ts, listen-options.ts). Each
implementation composes its own settings from these readers, in the order the Node ones check them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from .errors import DEFAULT_UPLOAD_LIMIT_BYTES

MAX_SAFE_INTEGER = 2**53 - 1


class SettingsError(Exception):
    """A setting that is missing or wrong; the server refuses to start with its message."""


def positive_integer(env: Mapping[str, str], name: str, fallback: int) -> int:
    raw = env.get(name, "")
    if raw == "":
        return fallback
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1 or int(raw) > MAX_SAFE_INTEGER:
        raise SettingsError(f'{name} must be a positive integer, got "{raw}"')
    return int(raw)


def _required(env: Mapping[str, str], name: str, how_to_set: str) -> str:
    raw = env.get(name, "")
    if raw == "":
        raise SettingsError(f"{name} is not set: start the server with {how_to_set}")
    return raw


def port(env: Mapping[str, str]) -> int:
    raw = _required(env, "PORT", "PORT=<port> (0 picks a free port)")
    if not raw.isascii() or not raw.isdigit() or int(raw) > 65535:
        raise SettingsError(f'PORT must be an integer from 0 to 65535, got "{raw}"')
    return int(raw)


def host(env: Mapping[str, str]) -> str:
    return env.get("HOST") or "127.0.0.1"


def upstream_url(env: Mapping[str, str]) -> str:
    raw = _required(
        env, "UPSTREAM_URL", "UPSTREAM_URL=http://<host>:<port> of the upstream API (implementations/upstream)"
    )
    # Node's URL refuses an http: URL without a host name.
    parts = urlsplit(raw)
    if parts.scheme != "http" or not parts.hostname:
        raise SettingsError(f'UPSTREAM_URL must be an http:// URL, got "{raw}"')
    return raw


def database_url(env: Mapping[str, str]) -> str:
    raw = _required(
        env,
        "DATABASE_URL",
        "DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database> of a database prepared by fixtures/lab-database.ts",
    )
    # Unlike UPSTREAM_URL, the value is not repeated: it may hold a password.
    if urlsplit(raw).scheme not in ("postgres", "postgresql"):
        raise SettingsError("DATABASE_URL must be a postgres:// or postgresql:// URL")
    return raw


def redis_url(env: Mapping[str, str]) -> str:
    raw = _required(
        env, "REDIS_URL", "REDIS_URL=redis://<host>:<port> of a Redis it may use as cache and session store"
    )
    if urlsplit(raw).scheme not in ("redis", "rediss"):
        raise SettingsError("REDIS_URL must be a redis:// or rediss:// URL")
    return raw


def auth_secret(env: Mapping[str, str]) -> str:
    """AUTH_SECRET, or the development default the Node implementations use."""
    return env.get("AUTH_SECRET") or "lab-secret"


@dataclass(frozen=True)
class CommonSettings:
    """What the common API (scenarios 01-08) reads; an implementation that reads more extends it."""

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
