"""Reading the environment every lab implementation reads, with the Node implementations' names,
defaults and messages (implementations/node-backend/src/app-options.ts, listen-options.ts). Each
implementation composes its own settings from these readers, in the order the Node ones check them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TypeVar
from urllib.parse import urlsplit

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


def port(env: Mapping[str, str]) -> int:
    raw = env.get("PORT", "")
    if raw == "":
        raise SettingsError("PORT is not set: start the server with PORT=<port> (0 picks a free port)")
    if not raw.isascii() or not raw.isdigit() or int(raw) > 65535:
        raise SettingsError(f'PORT must be an integer from 0 to 65535, got "{raw}"')
    return int(raw)


def host(env: Mapping[str, str]) -> str:
    return env.get("HOST") or "127.0.0.1"


def upstream_url(env: Mapping[str, str]) -> str:
    raw = env.get("UPSTREAM_URL", "")
    if raw == "":
        raise SettingsError(
            "UPSTREAM_URL is not set: start the server with UPSTREAM_URL=http://<host>:<port> of the upstream API "
            "(implementations/upstream)"
        )
    # Node's URL refuses an http: URL without a host name.
    parts = urlsplit(raw)
    if parts.scheme != "http" or not parts.hostname:
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


S = TypeVar("S")


def settings_or_exit(server_name: str, read: Callable[[Mapping[str, str]], S], env: Mapping[str, str]) -> S:
    """The settings, or the process ends with exit code 1 and `<name> failed to start: <why>`."""
    try:
        return read(env)
    except SettingsError as error:
        print(f"{server_name} failed to start: {error}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
