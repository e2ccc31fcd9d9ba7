"""The web adapter: FastAPI, and only here. It turns HTTP into use case calls and the domain's
results and errors into the contract's answers (scenarios 01-08)."""

import logging
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from ...domain.entities import FileDigest, ItemPage, NewUser, User
from ...domain.errors import (
    DomainError,
    EmailTaken,
    NotAuthenticated,
    StorageUnavailable,
    UpstreamFailed,
    UpstreamInvalid,
    UpstreamTimedOut,
    UpstreamUnreachable,
    UserNotFound,
)
from ...use_cases.external import GetQuote
from ...use_cases.protected import Authenticate, ShowItems
from ...use_cases.upload import DigestUpload, NoFile
from ...use_cases.users import CreateUser, GetUser, ListUsers
from ..postgres import Database, PostgresUserRepository
from ..settings import Settings, SettingsError, read_settings
from ..upstream import HttpxQuoteProvider
from .bodies import read_json
from .errors import ContractError, Messages, error_body, retryable, unauthorized
from .jsonout import JsResponse
from .multipart import MultipartDigester, is_multipart
from .request_log import RequestLog
from .schemas import CreateUserRequest, EchoRequest, ExternalQuery, ProtectedQuery, UserParams, UsersQuery
from .validation import coerce_url_values, query_values, validate

NAME = "python-fastapi-strict"
log = logging.getLogger("app")


def _settings_or_exit() -> Settings:
    try:
        return read_settings(os.environ)
    except SettingsError as error:
        print(f"{NAME} failed to start: {error}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None


settings = _settings_or_exit()


class Container:
    """The composition root: adapters plugged into the use cases' ports."""

    def __init__(self, config: Settings) -> None:
        self.database = Database(config.database_url, config.database_pool_size, config.database_pool_timeout_ms)
        users = PostgresUserRepository(self.database)
        self.quotes = HttpxQuoteProvider(config.upstream_url, config.upstream_timeout_ms, config.upstream_connections)
        self.list_users = ListUsers(users)
        self.get_user = GetUser(users)
        self.create_user = CreateUser(users)
        self.get_quote = GetQuote(self.quotes)
        self.authenticate = Authenticate(config.auth_secret)
        self.show_items = ShowItems()

    async def close(self) -> None:
        await self.quotes.close()
        await self.database.close()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.container = Container(settings)
    yield
    await app.state.container.close()


app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None, default_response_class=JsResponse)
app.router.redirect_slashes = False


def container(request: Request) -> Container:
    return request.app.state.container


Services = Annotated[Container, Depends(container)]

# --- presenters: entities as the contract's JSON, keys in its schemas' order ---------------------


def iso_millis(user: User) -> str:
    moment = user.created_at.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def user_json(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "country": user.country,
        "createdAt": iso_millis(user),
    }


def page_json(page: ItemPage) -> dict[str, object]:
    items = [{"id": item.id, "title": item.title} for item in page.items]
    return {"userId": page.user_id, "page": page.page, "pageSize": page.page_size, "items": items}


def file_json(digest: FileDigest) -> dict[str, object]:
    return {"field": digest.field, "filename": digest.filename, "bytes": digest.bytes, "sha256": digest.sha256}


# --- errors ------------------------------------------------------------------------------------

_AUTH_MESSAGES = {
    "missing": Messages.missing_authorization,
    "not_bearer": Messages.not_bearer,
    "malformed": Messages.malformed_token,
    "bad_signature": Messages.invalid_signature,
}
_STORAGE_MESSAGES = {
    "pool_exhausted": Messages.pool_exhausted,
    "busy": Messages.database_busy,
    "unavailable": Messages.database_unavailable,
}


def contract_error(error: DomainError) -> ContractError:
    """The contract's answer to a domain error."""
    match error:
        case UserNotFound():
            return ContractError(404, str(error))
        case EmailTaken():
            return ContractError(409, str(error))
        case StorageUnavailable(reason=reason):
            return retryable(_STORAGE_MESSAGES[reason])
        case UpstreamUnreachable():
            return ContractError(502, Messages.upstream_unreachable)
        case UpstreamFailed(status=status):
            return ContractError(502, Messages.upstream_status(status))
        case UpstreamInvalid():
            return ContractError(502, Messages.upstream_invalid_body)
        case UpstreamTimedOut(timeout_ms=timeout_ms):
            return ContractError(504, Messages.upstream_timeout(timeout_ms))
        case NotAuthenticated(reason=reason):
            return unauthorized(_AUTH_MESSAGES[reason])
        case NoFile():
            return ContractError(400, Messages.no_file)
    return ContractError(500, Messages.internal)


def original_url(scope: Scope) -> str:
    path = scope.get("raw_path") or scope["path"].encode()
    query = scope.get("query_string", b"")
    return (path + (b"?" + query if query else b"")).decode("latin-1")


def answer(error: ContractError) -> JsResponse:
    return JsResponse(error_body(error.status, error.message), status_code=error.status, headers=error.headers)


@app.exception_handler(ContractError)
async def on_contract_error(_request: Request, error: ContractError) -> Response:
    return answer(error)


@app.exception_handler(DomainError)
async def on_domain_error(_request: Request, error: DomainError) -> Response:
    return answer(contract_error(error))


@app.exception_handler(StarletteHTTPException)
async def on_http_error(request: Request, error: StarletteHTTPException) -> Response:
    if error.status_code in (404, 405):
        return answer(ContractError(404, Messages.route_not_found(request.method, original_url(request.scope))))
    return answer(ContractError(error.status_code, str(error.detail)))


@app.exception_handler(RequestValidationError)
async def on_validation_error(_request: Request, _error: RequestValidationError) -> Response:
    return answer(ContractError(400, "request is invalid"))


@app.exception_handler(Exception)
async def on_unexpected(_request: Request, error: Exception) -> Response:
    log.error("unexpected failure", exc_info=error)
    return answer(ContractError(500, Messages.internal))


# --- request parts -----------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def query(model: type[M]) -> Any:
    def dependency(request: Request) -> M:
        return validate(
            model, coerce_url_values(model, query_values(request.query_params.multi_items())), "querystring"
        )

    return Depends(dependency)


def json_body(model: type[M]) -> Any:
    async def dependency(request: Request) -> M:
        return validate(model, await read_json(request), "body")

    return Depends(dependency)


# --- routes ------------------------------------------------------------------------------------


@app.get("/health")
async def health() -> Response:
    return JsResponse({"status": "ok"})


@app.post("/echo")
async def echo(request: Request) -> Response:
    body = await read_json(request)
    validate(EchoRequest, body, "body")
    return JsResponse(body)


@app.get("/users")
async def list_users(services: Services, params: Annotated[UsersQuery, query(UsersQuery)]) -> Response:
    return JsResponse({"users": [user_json(user) for user in await services.list_users(params.limit)]})


@app.get("/users/{id}")
async def get_user(id: str, services: Services) -> Response:
    params = validate(UserParams, coerce_url_values(UserParams, {"id": id}), "params")
    return JsResponse(user_json(await services.get_user(params.id)))


@app.post("/users", status_code=201)
async def create_user(services: Services, body: Annotated[CreateUserRequest, json_body(CreateUserRequest)]) -> Response:
    user = await services.create_user(NewUser(body.email, body.name, body.country))
    return JsResponse(user_json(user), status_code=201, headers={"location": f"/users/{user.id}"})


@app.get("/external")
async def external(services: Services, params: Annotated[ExternalQuery, query(ExternalQuery)]) -> Response:
    quote = await services.get_quote(params.delayMs)
    return JsResponse({"upstream": quote.document, "upstreamMs": quote.upstream_ms})


def authenticated(request: Request, services: Services) -> int:
    user_id = services.authenticate(request.headers.get("authorization"))
    request.state.log_user_id = user_id
    return user_id


@app.get("/protected")
async def protected(
    services: Services,
    user_id: Annotated[int, Depends(authenticated)],
    params: Annotated[ProtectedQuery, query(ProtectedQuery)],
) -> Response:
    return JsResponse(page_json(services.show_items(user_id, params.page, params.pageSize)))


app.add_middleware(RequestLog, path="/protected")


@app.post("/upload")
async def upload(request: Request) -> Response:
    content_type = request.headers.get("content-type")
    if not is_multipart(content_type):
        raise ContractError(415, Messages.not_multipart)
    digest = DigestUpload(MultipartDigester(content_type or "", settings.upload_limit_bytes))
    return JsResponse({"files": [file_json(file) for file in await digest(request.stream())]})
