"""The lab's common API (scenarios 01-08), the database scenarios 09-13, the cache of 14-16 and
scenario 17's authentication on FastAPI.

Started as production starts it (serve.sh): `uvicorn app.main:app --no-access-log --loop uvloop
--http httptools`. Settings come from the environment only (settings.py); the database pool,
the Redis client and the upstream client (resources.py) are opened with the app and closed on
SIGTERM, after uvicorn has let in-flight requests finish. What python-fastapi-strict shares with
it (validation, errors, bodies, uploads, the pool, the request log) is python-asgi-common's.
"""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import asyncpg
import httpx
from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from labasgi.bodies import parse_json
from labasgi.errors import ContractError, Messages, unauthorized
from labasgi.jsonout import JsResponse
from labasgi.multipart import is_multipart, read_upload
from labasgi.request_log import RequestLog
from labasgi.schemas import (
    CreateUserRequest,
    ExternalQuery,
    ProtectedQuery,
    UpstreamQuote,
    UserParams,
    UsersQuery,
)
from labasgi.sql import load_queries
from labasgi.web import contract_app, json_body, query, url_values
from pydantic import ValidationError

from . import auth, cache, scenarios
from .database import user_json
from .echo import ECHOES
from .resources import Resources, Shared, settings
from .schemas import LoginRequest, UnauthenticatedItemsQuery

USERS = load_queries("users", "user_insert")
AUTH = load_queries("auth", "auth_credentials_by_email")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.resources = Resources(settings)
    yield
    await app.state.resources.close()


app = contract_app(lifespan=lifespan)


# --- scenario 01, 02: health and echo ----------------------------------------------------------


@app.get("/health")
async def health() -> JsResponse:
    return JsResponse({"status": "ok"})


# LAB_JSON chooses how /echo reads, validates and writes JSON (echo.py).
app.add_api_route("/echo", ECHOES[settings.json_library], methods=["POST"])


# --- scenario 03, 04: users in PostgreSQL ------------------------------------------------------


@app.get("/users")
async def list_users(shared: Shared, params: Annotated[UsersQuery, query(UsersQuery)]) -> Response:
    rows = await shared.user_reads.first_users(params.limit)
    return JsResponse({"users": [user_json(row) for row in rows]})


@app.get("/users/{id}")
async def get_user(id: str, shared: Shared) -> Response:
    params = url_values(UserParams, {"id": id}, "params")
    row = await shared.user_reads.user_by_id(params.id)
    if row is None:
        raise ContractError(404, Messages.user_not_found(params.id))
    return JsResponse(user_json(row))


@app.post("/users", status_code=201)
async def create_user(shared: Shared, user: Annotated[CreateUserRequest, json_body(CreateUserRequest)]) -> Response:
    try:
        async with shared.database.connection() as connection, connection.transaction():
            row = await connection.fetchrow(USERS["user_insert"], user.email, user.name, user.country)
    except asyncpg.UniqueViolationError as error:
        if error.constraint_name == "users_email_key":
            raise ContractError(409, Messages.email_taken(user.email)) from None
        raise
    created = user_json(row)
    return JsResponse(created, status_code=201, headers={"location": f"/users/{created['id']}"})


# --- scenario 05: the slow upstream --------------------------------------------------------------


async def fetch_quote(shared: Resources, delay_ms: int | None) -> dict[str, Any]:
    base = httpx.URL(settings.upstream_url)
    path = base.path.rstrip("/") + "/quote"
    url = base.copy_with(path=path, query=None if delay_ms is None else f"delayMs={delay_ms}".encode())
    started = time.perf_counter()
    try:
        async with asyncio.timeout(settings.upstream_timeout_ms / 1000):
            response = await shared.upstream.get(url)
            text = await response.aread()
    except TimeoutError:
        raise ContractError(504, Messages.upstream_timeout(settings.upstream_timeout_ms)) from None
    except httpx.HTTPError:
        raise ContractError(502, Messages.upstream_unreachable) from None
    upstream_ms = (time.perf_counter() - started) * 1000
    if not 200 <= response.status_code <= 299:
        raise ContractError(502, Messages.upstream_status(response.status_code))
    try:
        quote = parse_json(text)
        UpstreamQuote.model_validate(quote, strict=True)
    except (ValueError, RecursionError, ValidationError):
        raise ContractError(502, Messages.upstream_invalid_body) from None
    return {"upstream": quote, "upstreamMs": upstream_ms}


@app.get("/external")
async def external(shared: Shared, params: Annotated[ExternalQuery, query(ExternalQuery)]) -> Response:
    return JsResponse(await fetch_quote(shared, params.delayMs))


# --- scenario 06: authentication, request log, validation, handler -----------------------------


def protected_user(request: Request) -> int:
    """Authentication, first in the chain; the request log (RequestLog) follows it."""
    user_id = auth.check_authorization(request.headers.get("authorization"), settings.auth_secret)
    request.state.log_user_id = user_id
    return user_id


@app.get("/protected")
async def protected(
    user_id: Annotated[int, Depends(protected_user)], params: Annotated[ProtectedQuery, query(ProtectedQuery)]
) -> Response:
    return JsResponse(auth.protected_page(user_id, params.page, params.pageSize))


app.add_middleware(RequestLog, path="/protected")


# --- scenario 07: uploads ----------------------------------------------------------------------


@app.post("/upload")
async def upload(request: Request) -> Response:
    content_type = request.headers.get("content-type")
    if not is_multipart(content_type):
        raise ContractError(415, Messages.not_multipart)
    return JsResponse(await read_upload(content_type or "", request.stream(), settings.upload_limit_bytes))


# --- scenario 17: logging in, and three ways to authenticate -----------------------------------


@app.post("/auth/login")
async def login(shared: Shared, credentials: Annotated[LoginRequest, json_body(LoginRequest)]) -> Response:
    async with shared.database.connection() as connection:
        row = await connection.fetchrow(AUTH["auth_credentials_by_email"], credentials.email)
    # An unknown email costs a hash too, so that timing does not tell it from a wrong password.
    stored = row["password_hash"] if row is not None else auth.DECOY_PASSWORD_HASH
    matches = await asyncio.to_thread(auth.verify_password, credentials.password, stored)
    if row is None or not matches:
        raise unauthorized(Messages.wrong_credentials)
    user_id = int(row["user_id"])
    session_id = auth.new_session_id()
    await shared.redis.set(auth.session_key(session_id), auth.session_value(user_id), ex=settings.session_ttl_seconds)
    return JsResponse(
        {
            "userId": user_id,
            "tokenType": "Bearer",
            "accessToken": shared.tokens.issue(user_id),
            "expiresIn": settings.access_token_ttl_seconds,
            "sessionId": session_id,
            "sessionExpiresIn": settings.session_ttl_seconds,
        }
    )


@app.get("/auth/none/items")
async def items_unauthenticated(
    params: Annotated[UnauthenticatedItemsQuery, query(UnauthenticatedItemsQuery)],
) -> Response:
    return JsResponse(auth.protected_page(params.userId, params.page, params.pageSize))


def jwt_user(request: Request, shared: Shared) -> int:
    return shared.tokens.verify(auth.read_bearer(request.headers.get("authorization")))


@app.get("/auth/jwt/items")
async def items_with_jwt(
    user_id: Annotated[int, Depends(jwt_user)], params: Annotated[ProtectedQuery, query(ProtectedQuery)]
) -> Response:
    return JsResponse(auth.protected_page(user_id, params.page, params.pageSize))


async def session(request: Request, shared: Shared) -> tuple[str, int]:
    session_id = auth.checked_session_id(request.headers.get("authorization"))
    return session_id, auth.stored_user_id(await shared.redis.get(auth.session_key(session_id)))


Session = Annotated[tuple[str, int], Depends(session)]


@app.get("/auth/session/items")
async def items_with_session(current: Session, params: Annotated[ProtectedQuery, query(ProtectedQuery)]) -> Response:
    return JsResponse(auth.protected_page(current[1], params.page, params.pageSize))


@app.delete("/auth/session", status_code=204)
async def log_out(current: Session, shared: Shared) -> Response:
    await shared.redis.delete(auth.session_key(current[0]))
    return Response(status_code=204)


# --- scenarios 09-13 (database) and 14-16 (cache) ----------------------------------------------

app.include_router(scenarios.router)
app.include_router(cache.router)
