"""The environment every lab implementation reads, with the Node implementations' names, defaults
and startup messages (implementations/contract/src/app-options.ts, listen-options.ts).

Only what the WSGI implementations use is read: they have no Redis route (they serve 01-08), so
REDIS_URL is neither needed nor read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .contract import DEFAULT_UPLOAD_LIMIT_BYTES


class ConfigError(Exception):
    pass


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


def _positive_integer(env: Mapping[str, str], name: str, fallback: int) -> int:
    raw = env.get(name, "")
    if raw == "":
        return fallback
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) < 1 or int(raw) > 9007199254740991:
        raise ConfigError(f'{name} must be a positive integer, got "{raw}"')
    return int(raw)


def _upstream_url(env: Mapping[str, str]) -> str:
    raw = env.get("UPSTREAM_URL", "")
    if raw == "":
        raise ConfigError(
            "UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API (implementations/upstream)"
        )
    parts = urlsplit(raw)
    if parts.scheme != "http" or not parts.hostname:
        raise ConfigError(f'UPSTREAM_URL must be an http:// URL, got "{raw}"')
    return raw


def _database_url(env: Mapping[str, str]) -> str:
    raw = env.get("DATABASE_URL", "")
    if raw == "":
        raise ConfigError(
            "DATABASE_URL is not set: start the server with DATABASE_URL=postgres://<user>:<password>@<host>:<port>/<database>"
            " of a database prepared by fixtures/lab-database.ts"
        )
    # Unlike UPSTREAM_URL, the value is not repeated: it may hold a password.
    if urlsplit(raw).scheme not in ("postgres", "postgresql"):
        raise ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL")
    return raw


def _port(env: Mapping[str, str]) -> int:
    raw = env.get("PORT", "")
    if raw == "":
        raise ConfigError("PORT is not set: start the server with PORT=<port> (0 picks a free port)")
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) > 65535:
        raise ConfigError(f'PORT must be an integer from 0 to 65535, got "{raw}"')
    return int(raw)


def read_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    return Settings(
        port=_port(env),
        host=env.get("HOST") or "127.0.0.1",
        upstream_url=_upstream_url(env),
        upstream_timeout_ms=_positive_integer(env, "UPSTREAM_TIMEOUT_MS", 5000),
        auth_secret=env.get("AUTH_SECRET") or "lab-secret",
        upload_limit_bytes=_positive_integer(env, "UPLOAD_LIMIT_BYTES", DEFAULT_UPLOAD_LIMIT_BYTES),
        database_url=_database_url(env),
        database_pool_size=_positive_integer(env, "DATABASE_POOL_SIZE", 10),
        database_pool_timeout_ms=_positive_integer(env, "DATABASE_POOL_TIMEOUT_MS", 5000),
    )
