"""The settings, read once at start, and what the routes share, opened with the app: the asyncpg
pool, the /users reads (through the driver LAB_DB_DRIVER names), the Redis client and the upstream
client. Nothing connects before a route needs it."""

import os
from typing import Annotated

import httpx
import redis.asyncio as aioredis
from fastapi import Depends, Request
from labasgi.postgres import Database
from labasgi.settings import settings_or_exit
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from . import auth
from .settings import Settings, read_settings
from .user_reads import AsyncpgUserReads, SqlAlchemyUserReads, UserReads

NAME = "python-fastapi"

# How long connecting to Redis may take (the Node implementations' redisConnectTimeoutMs).
REDIS_CONNECT_TIMEOUT_SECONDS = 5


settings = settings_or_exit(NAME, read_settings, os.environ)


class Resources:
    def __init__(self, config: Settings) -> None:
        self.database = Database(config.database_url, config.database_pool_size, config.database_pool_timeout_ms)
        self.user_reads: UserReads = (
            SqlAlchemyUserReads(config.database_url, config.database_pool_size, config.database_pool_timeout_ms)
            if config.db_driver == "sqlalchemy"
            else AsyncpgUserReads(self.database)
        )
        # A command waits through one reconnection at most, as ioredis's maxRetriesPerRequest: 1 does:
        # a Redis that is down makes a request a 500 at once, not one that hangs.
        self.redis = aioredis.from_url(
            config.redis_url, socket_connect_timeout=REDIS_CONNECT_TIMEOUT_SECONDS, retry=Retry(NoBackoff(), 1)
        )
        connections = config.upstream_connections
        self.upstream = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections), timeout=None
        )
        self.tokens = auth.AccessTokens(config.auth_secret, config.access_token_ttl_seconds)

    async def close(self) -> None:
        await self.upstream.aclose()
        await self.redis.aclose()
        await self.user_reads.close()
        await self.database.close()


def resources(request: Request) -> Resources:
    return request.app.state.resources


Shared = Annotated[Resources, Depends(resources)]
