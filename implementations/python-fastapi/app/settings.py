"""The environment python-fastapi reads, with the Node implementations' names, defaults and
messages (implementations/contract/src/app-options.ts), through python-asgi-common's readers."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from labasgi.settings import CommonSettings, SettingsError, positive_integer, read_common_settings, redis_url

__all__ = ["Settings", "SettingsError", "read_settings"]

# Python's own variants, chosen at start (README.md); the first of each is the default.
DB_DRIVERS = ("asyncpg", "sqlalchemy")
JSON_LIBRARIES = ("pydantic", "msgspec")


@dataclass(frozen=True)
class Settings(CommonSettings):
    """The common API's settings, and those of the cache (14-16), the sessions and JWTs (17) and the variants."""

    redis_url: str
    cache_ttl_seconds: int
    session_ttl_seconds: int
    access_token_ttl_seconds: int
    db_driver: str = DB_DRIVERS[0]
    json_library: str = JSON_LIBRARIES[0]


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name, "")
    if raw == "":
        return choices[0]
    if raw not in choices:
        raise SettingsError(f'{name} must be {" or ".join(choices)}, got "{raw}"')
    return raw


def read_settings(env: Mapping[str, str]) -> Settings:
    """The settings: the common API's first, in the order the Node implementations check them."""
    return Settings(
        **asdict(read_common_settings(env)),
        redis_url=redis_url(env),
        cache_ttl_seconds=positive_integer(env, "CACHE_TTL_SECONDS", 60),
        session_ttl_seconds=positive_integer(env, "SESSION_TTL_SECONDS", 3600),
        access_token_ttl_seconds=positive_integer(env, "ACCESS_TOKEN_TTL_SECONDS", 900),
        db_driver=_choice(env, "LAB_DB_DRIVER", DB_DRIVERS),
        json_library=_choice(env, "LAB_JSON", JSON_LIBRARIES),
    )
