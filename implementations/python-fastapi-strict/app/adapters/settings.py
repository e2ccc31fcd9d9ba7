"""The environment (the lab's names, defaults and messages), read once at start through
python-asgi-common: the common API's settings alone. Scenarios 01-08 only: no Redis, so REDIS_URL
is not read."""

from labasgi.settings import CommonSettings as Settings
from labasgi.settings import SettingsError
from labasgi.settings import read_common_settings as read_settings

__all__ = ["Settings", "SettingsError", "read_settings"]
