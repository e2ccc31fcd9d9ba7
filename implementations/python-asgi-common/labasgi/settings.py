"""The environment's readers and the common API's settings, with the Node implementations' names,
defaults and messages (labcommon.environment, shared with the WSGI implementations), for the ASGI
apps: each composes its own settings from them, in the order the Node implementations check them."""

from labcommon.environment import (
    CommonSettings,
    SettingsError,
    auth_secret,
    database_url,
    positive_integer,
    read_common_settings,
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
