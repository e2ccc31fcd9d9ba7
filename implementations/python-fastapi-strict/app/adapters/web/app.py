"""The web adapter: FastAPI, and only here. It turns HTTP into use case calls and the domain's
results and errors into the contract's answers (scenarios 01-08). What it shares with
python-fastapi (validation, errors, bodies, the request log) is python-asgi-common's, an
adapter-level library that the domain and the use cases never see."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from labasgi.bodies import read_json
from labasgi.errors import ContractError, Messages, storage_unavailable, unauthorized
from labasgi.jsonout import JsResponse
from labasgi.multipart import is_multipart
from labasgi.postgres import iso_millis
from labasgi.request_log import RequestLog
from labasgi.schemas import CreateUserRequest, EchoRequest, ExternalQuery, ProtectedQuery, UserParams, UsersQuery
from labasgi.settings import settings_or_exit
from labasgi.validation import validate
from labasgi.web import contract_answer, contract_app, json_body, query, url_values

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
from ..postgres import PostgresUserRepository, database
from ..settings import Settings, read_settings
from ..upstream import HttpxQuoteProvider
from .multipart import MultipartDigester

NAME = "python-fastapi-strict"


settings = settings_or_exit(NAME, read_settings, os.environ)


class Container:
    """The composition root: adapters plugged into the use cases' ports."""

    def __init__(self, config: Settings) -> None:
        self.database = database(config.database_url, config.database_pool_size, config.database_pool_timeout_ms)
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


app = contract_app(lifespan=lifespan)


def container(request: Request) -> Container:
    return request.app.state.container


Services = Annotated[Container, Depends(container)]

# --- presenters: entities as the contract's JSON, keys in its schemas' order ---------------------


def user_json(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "country": user.country,
        "createdAt": iso_millis(user.created_at),
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


def contract_error(error: DomainError) -> ContractError:
    """The contract's answer to a domain error."""
    match error:
        case UserNotFound():
            return ContractError(404, str(error))
        case EmailTaken():
            return ContractError(409, str(error))
        case StorageUnavailable(reason=reason):
            return storage_unavailable(reason)
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


@app.exception_handler(DomainError)
async def on_domain_error(_request: Request, error: DomainError) -> Response:
    return contract_answer(contract_error(error))


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
    params = url_values(UserParams, {"id": id}, "params")
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
