"""Scenarios 14-16: one user read straight from PostgreSQL, or cache-aside through Redis, with
the Node implementations' commands and key layout (implementations/contract/src/user-cache.ts):
on a hit one GET; on a miss one GET, the SELECT of GET /users/{id} and one SET with the TTL. A
user that does not exist is not cached. A hit is parsed back into the user and written as the
database's row is, so that 14 and 15 differ only in where the user comes from."""

import json

from fastapi import APIRouter
from fastapi.responses import Response
from labasgi.errors import ContractError, Messages
from labasgi.jsonout import JsResponse, dumps
from labasgi.schemas import UserParams
from labasgi.sql import load_queries
from labasgi.web import url_values

from .database import user_json
from .resources import Resources, Shared, settings

router = APIRouter(prefix="/cache")

USERS = load_queries("users", "user_by_id")


def user_cache_key(user_id: int) -> str:
    """The Redis key a user is cached under; the version changes when the cached form does."""
    return f"cache:user:v1:{user_id}"


async def select_user(shared: Resources, user_id: int) -> dict[str, object]:
    async with shared.database.connection() as connection:
        row = await connection.fetchrow(USERS["user_by_id"], user_id)
    if row is None:
        raise ContractError(404, Messages.user_not_found(user_id))
    return user_json(row)


@router.get("/users/{id}/no-cache")
async def user_without_cache(id: str, shared: Shared) -> Response:
    return JsResponse(await select_user(shared, url_values(UserParams, {"id": id}, "params").id))


@router.get("/users/{id}/cached")
async def user_through_cache(id: str, shared: Shared) -> Response:
    user_id = url_values(UserParams, {"id": id}, "params").id
    key = user_cache_key(user_id)
    cached = await shared.redis.get(key)
    if cached is not None:
        return JsResponse(json.loads(cached))
    user = await select_user(shared, user_id)
    await shared.redis.set(key, dumps(user), ex=settings.cache_ttl_seconds)
    return JsResponse(user)
