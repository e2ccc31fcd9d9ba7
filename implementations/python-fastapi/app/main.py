"""The lab's common API (scenarios 01-08) and scenario 17's authentication on FastAPI.

Started as production starts it (serve.sh): `uvicorn app.main:app --no-access-log --loop uvloop
--http httptools`. Settings come from the environment only (settings.py); the database pool,
the Redis client and the upstream client are opened with the app and closed on SIGTERM, after
uvicorn has let in-flight requests finish.
"""

import asyncio
import json
import logging
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import asyncpg
import httpx
import redis.asyncio as aioredis
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import auth
from .bodies import parse_json, read_json
from .database import Database, user_json
from .errors import ContractError, Messages, error_body, unauthorized
from .jsonout import JsResponse
from .schemas import (
    CreateUserRequest,
    EchoRequest,
    ExternalQuery,
    LoginRequest,
    ProtectedQuery,
    UnauthenticatedItemsQuery,
    UpstreamQuote,
    UserParams,
    UsersQuery,
)
from .settings import Settings, SettingsError, read_settings
from .sql import load_queries
from .upload import is_multipart, read_upload
from .validation import coerce_url_values, query_values, validate

NAME = "python-fastapi"
log = logging.getLogger("app")


def _settings_or_exit() -> Settings:
    try:
        return read_settings(os.environ)
    except SettingsError as error:
        print(f"{NAME} failed to start: {error}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None


settings = _settings_or_exit()
USERS = load_queries("users", "user_list", "user_by_id", "user_insert")
AUTH = load_queries("auth", "auth_credentials_by_email")


class Resources:
    """What the routes share, opened with the app: nothing connects before a route needs it."""

    def __init__(self, config: Settings) -> None:
        self.database = Database(config.database_url, config.database_pool_size, config.database_pool_timeout_ms)
        self.redis = aioredis.from_url(config.redis_url)
        connections = config.upstream_connections
        self.upstream = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections), timeout=None
        )
        self.tokens = auth.AccessTokens(config.auth_secret, config.access_token_ttl_seconds)

    async def close(self) -> None:
        await self.upstream.aclose()
        await self.redis.aclose()
        await self.database.close()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.resources = Resources(settings)
    yield
    await app.state.resources.close()


app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None, default_response_class=JsResponse)
# Paths match exactly: /health/ is an unknown route, not a redirect.
app.router.redirect_slashes = False


def resources(request: Request) -> Resources:
    return request.app.state.resources


Shared = Annotated[Resources, Depends(resources)]


# --- answers in the contract's error shape -----------------------------------------------------


def original_url(scope: Scope) -> str:
    """The request's path and query as sent (Express's originalUrl, Fastify's url)."""
    path = scope.get("raw_path") or scope["path"].encode()
    query = scope.get("query_string", b"")
    return (path + (b"?" + query if query else b"")).decode("latin-1")


def contract_answer(status: int, message: str, headers: dict[str, str] | None = None) -> JsResponse:
    return JsResponse(error_body(status, message), status_code=status, headers=headers)


@app.exception_handler(ContractError)
async def on_contract_error(_request: Request, error: ContractError) -> Response:
    return contract_answer(error.status, error.message, error.headers)


@app.exception_handler(StarletteHTTPException)
async def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
    # An unknown path, and a known path with another method, are both the contract's 404.
    if error.status_code in (404, 405):
        return contract_answer(404, Messages.route_not_found(request.method, original_url(request.scope)))
    return contract_answer(error.status_code, str(error.detail))


@app.exception_handler(RequestValidationError)
async def on_validation_error(_request: Request, _error: RequestValidationError) -> Response:
    # The routes validate through validation.py's dependencies; FastAPI's own never says more.
    return contract_answer(400, "request is invalid")


@app.exception_handler(Exception)
async def on_unexpected(_request: Request, error: Exception) -> Response:
    log.error("unexpected failure", exc_info=error)
    return contract_answer(500, Messages.internal)


# --- dependencies: the request's parts, validated as the contract validates them ---------------


M = TypeVar("M", bound=BaseModel)


def query(model: type[M]) -> Any:
    def dependency(request: Request) -> M:
        values = coerce_url_values(model, query_values(request.query_params.multi_items()))
        return validate(model, values, "querystring")

    return Depends(dependency)


def json_body(model: type[M]) -> Any:
    async def dependency(request: Request) -> M:
        return validate(model, await read_json(request), "body")

    return Depends(dependency)


# --- scenario 01, 02: health and echo ----------------------------------------------------------


@app.get("/health")
async def health() -> JsResponse:
    return JsResponse({"status": "ok"})


@app.post("/echo")
async def echo(request: Request) -> Response:
    body = await read_json(request)
    validate(EchoRequest, body, "body")
    # The validated order as it came, byte for byte (the model would turn 10 into 10.0).
    return JsResponse(body)


# --- scenario 03, 04: users in PostgreSQL ------------------------------------------------------


@app.get("/users")
async def list_users(shared: Shared, params: Annotated[UsersQuery, query(UsersQuery)]) -> Response:
    async with shared.database.connection() as connection:
        rows = await connection.fetch(USERS["user_list"], params.limit)
    return JsResponse({"users": [user_json(row) for row in rows]})


@app.get("/users/{id}")
async def get_user(id: str, shared: Shared) -> Response:
    params = validate(UserParams, coerce_url_values(UserParams, {"id": id}), "params")
    async with shared.database.connection() as connection:
        row = await connection.fetchrow(USERS["user_by_id"], params.id)
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
    """Authentication, first in the chain; the request log (ProtectedRequestLog) follows it."""
    user_id = auth.check_authorization(request.headers.get("authorization"), settings.auth_secret)
    request.state.log_user_id = user_id
    return user_id


@app.get("/protected")
async def protected(
    user_id: Annotated[int, Depends(protected_user)], params: Annotated[ProtectedQuery, query(ProtectedQuery)]
) -> Response:
    return JsResponse(auth.protected_page(user_id, params.page, params.pageSize))


class ProtectedRequestLog:
    """pino's line for GET /protected, written once the response is done, for authenticated requests only."""

    def __init__(self, inner: ASGIApp) -> None:
        self.inner = inner
        self.pid = os.getpid()
        self.hostname = socket.gethostname()
        self.request_id = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/protected":
            await self.inner(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_log(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            # Written as the last of the body goes out, so the line is out before the client has its answer.
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                user_id = scope.get("state", {}).get("log_user_id")
                if user_id is not None:
                    self.write(scope, status, (time.perf_counter() - started) * 1000, user_id)
            await send(message)

        await self.inner(scope, receive, send_and_log)

    def write(self, scope: Scope, status: int, response_ms: float, user_id: int) -> None:
        self.request_id += 1
        line = {
            "level": 30,
            "time": int(time.time() * 1000),
            "pid": self.pid,
            "hostname": self.hostname,
            "reqId": self.request_id,
            "method": scope["method"],
            "url": original_url(scope),
            "statusCode": status,
            "responseTime": response_ms,
            "userId": user_id,
            "msg": "request completed",
        }
        sys.stdout.write(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
        sys.stdout.flush()


app.add_middleware(ProtectedRequestLog)


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
