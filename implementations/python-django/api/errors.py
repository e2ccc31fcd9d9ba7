"""Every error as the contract's { statusCode, error, message }."""

from __future__ import annotations

import sys
import traceback
from typing import Any

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from labcommon.errors import ContractError, Messages
from labwsgi.contract import JSON_CONTENT_TYPE, dumps
from labwsgi.postgres import retryable_database_error
from labwsgi.serving import raw_url
from rest_framework import exceptions
from rest_framework.response import Response


def contract_response(error: ContractError) -> Response:
    return Response(error.body(), status=error.status, headers=error.headers)


def to_contract_error(exc: BaseException) -> ContractError:
    if isinstance(exc, ContractError):
        return exc
    if isinstance(exc, exceptions.AuthenticationFailed):
        return ContractError(401, str(exc.detail), {"www-authenticate": "Bearer"})
    retryable = retryable_database_error(exc)
    if retryable is not None:
        return retryable
    if not isinstance(exc, IntegrityError | exceptions.APIException):
        traceback.print_exception(exc, file=sys.stderr)
    return ContractError(500, Messages.internal)


def contract_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    return contract_response(to_contract_error(exc))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = Messages.route_not_found(request.method or "GET", raw_url(request.META))
    return HttpResponse(dumps(ContractError(404, message).body()), status=404, content_type=JSON_CONTENT_TYPE)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponse(dumps(ContractError(500, Messages.internal).body()), status=500, content_type=JSON_CONTENT_TYPE)
