"""The settings of a WSGI implementation, read from the environment with the Node implementations'
names, defaults and startup messages: the common API's (labcommon.environment, shared with the ASGI
implementations) and where to listen, which gunicorn needs.

Only what the WSGI implementations use is read: they have no Redis route (they serve 01-08), so
REDIS_URL is neither needed nor read. UPSTREAM_CONNECTIONS is checked as every implementation checks
it, but the urllib3 pool of a worker keeps its own few connections (labwsgi.upstream): a worker
serves no more requests at once than its threads.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from labcommon.environment import CommonSettings, SettingsError, host, port, read_common_settings

__all__ = ["Settings", "SettingsError", "read_settings"]


@dataclass(frozen=True)
class Settings(CommonSettings):
    port: int
    host: str


def read_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings, in the order the Node implementations check them; SettingsError names what is wrong."""
    env = os.environ if env is None else env
    listen = {"port": port(env), "host": host(env)}
    return Settings(**vars(read_common_settings(env)), **listen)
