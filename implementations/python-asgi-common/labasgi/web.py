"""FastAPI's side of the contract: every error answered in its shape (unknown routes and methods
as its 404, text PostgreSQL cannot store as its 400, anything unexpected as its 500), and dependencies that validate a request's query
string and JSON body as ajv does (validation.py)."""

import logging
from typing import Any, TypeVar

import asyncpg
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from .bodies import read_json
from .errors import ContractError, Messages, error_body
from .jsonout import JsResponse
from .postgres import is_invalid_text
from .request_log import original_url
from .validation import coerce_url_values, query_values, validate

log = logging.getLogger("app")


def contract_answer(error: ContractError) -> JsResponse:
    return JsResponse(error_body(error.status, error.message), status_code=error.status, headers=error.headers)


async def _on_contract_error(_request: Request, error: Exception) -> Response:
    assert isinstance(error, ContractError)
    return contract_answer(error)


async def _on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    # An unknown path, and a known path with another method, are both the contract's 404.
    if error.status_code in (404, 405):
        return contract_answer(
            ContractError(404, Messages.route_not_found(request.method, original_url(request.scope)))
        )
    return contract_answer(ContractError(error.status_code, str(error.detail)))


async def _on_validation_error(_request: Request, _error: Exception) -> Response:
    # The routes validate through this module's dependencies; FastAPI's own never says more.
    return contract_answer(ContractError(400, "request is invalid"))


async def _on_database_error(request: Request, error: Exception) -> Response:
    # A NUL character in a text value is the request's fault (a 400, as the Node implementations
    # answer it); any other refusal is a fault of ours.
    if is_invalid_text(error):
        return contract_answer(ContractError(400, Messages.nul_character))
    return await _on_unexpected(request, error)


async def _on_unexpected(_request: Request, error: Exception) -> Response:
    log.error("unexpected failure", exc_info=error)
    return contract_answer(ContractError(500, Messages.internal))


def contract_app(**options: Any) -> FastAPI:
    """A FastAPI app that answers as the contract does: its JSON bytes, its errors, exact paths, no docs."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, default_response_class=JsResponse, **options)
    # Paths match exactly: /health/ is an unknown route, not a redirect.
    app.router.redirect_slashes = False
    app.add_exception_handler(ContractError, _on_contract_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(asyncpg.PostgresError, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected)
    return app


M = TypeVar("M", bound=BaseModel)


def url_values(model: type[M], values: dict[str, Any], data_var: str) -> M:
    """Path parameters or query values, coerced and validated as ajv does."""
    return validate(model, coerce_url_values(model, values), data_var)


def query(model: type[M]) -> Any:
    """A dependency: the query string as the model, or the contract's 400."""

    def dependency(request: Request) -> M:
        return url_values(model, query_values(request.query_params.multi_items()), "querystring")

    return Depends(dependency)


def json_body(model: type[M]) -> Any:
    """A dependency: the JSON body as the model, or the contract's 415, 413 or 400."""

    async def dependency(request: Request) -> M:
        return validate(model, await read_json(request), "body")

    return Depends(dependency)
