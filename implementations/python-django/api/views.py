"""The common API (scenarios 01-08) as Django REST framework views."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from labcommon.errors import ContractError, Messages
from labwsgi import bodies, contract
from labwsgi.postgres import is_email_taken
from labwsgi.serving import STARTED_KEY, raw_url, write_request_log
from labwsgi.upload import is_multipart, read_files
from labwsgi.upstream import UpstreamClient
from rest_framework import serializers, viewsets
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import User

upstream = UpstreamClient(settings.LAB.upstream_url, settings.LAB.upstream_timeout_ms)


def json_body(request: Request, schema: dict[str, Any]) -> Any:
    # The WSGI environ, not request.body: see labwsgi.bodies.
    return bodies.json_body(request._request.META, schema)


def query(request: Request, schema: dict[str, Any]) -> dict[str, Any]:
    return contract.validate_query(schema, request._request.META.get("QUERY_STRING", ""))


class ContractView(APIView):
    """A method the route does not have is an unknown route (404), as in the Node implementations."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head"]

    def http_method_not_allowed(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise ContractError(404, Messages.route_not_found(request.method, raw_url(request._request.META)))


class HealthView(ContractView):
    def get(self, request: Request) -> Response:
        return Response({"status": "ok"})


class EchoView(ContractView):
    def post(self, request: Request) -> Response:
        return Response(json_body(request, contract.ECHO_REQUEST))


class ExternalView(ContractView):
    def get(self, request: Request) -> Response:
        delay_ms = query(request, contract.EXTERNAL_QUERY).get("delayMs")
        return Response(upstream.quote(delay_ms))


class TokenUser:
    is_authenticated = True

    def __init__(self, user_id: int):
        self.user_id = user_id


class BearerTokenAuthentication(BaseAuthentication):
    """GET /protected's "Bearer v1.<userId>.<HMAC>"; every refusal is a 401 with the challenge."""

    def authenticate(self, request: Request) -> tuple[TokenUser, None]:
        try:
            user_id = contract.check_authorization(request._request.META.get("HTTP_AUTHORIZATION"), settings.LAB.auth_secret)
        except ContractError as error:
            raise AuthenticationFailed(error.message) from None
        return TokenUser(user_id), None

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"


class ProtectedView(ContractView):
    # Scenario 06's chain: authentication (DRF's, before the handler), logging of whatever the
    # rest answers, validation, the handler.
    authentication_classes = [BearerTokenAuthentication]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # DRF authenticates lazily; the chain wants it first, before validation.
        request.user  # noqa: B018

    def get(self, request: Request) -> Response:
        page = query(request, contract.PROTECTED_QUERY)
        return Response(contract.protected_page(request.user.user_id, page["page"], page["pageSize"]))

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().dispatch(request, *args, **kwargs)
        user = getattr(self.request, "_user", None)
        if isinstance(user, TokenUser):
            meta = request.META
            write_request_log(request.method, raw_url(meta), response.status_code, meta[STARTED_KEY], user.user_id)
        return response


class UploadView(ContractView):
    def post(self, request: Request) -> Response:
        environ = request._request.META
        # Refused before a byte of the body is read.
        if not is_multipart(environ.get("CONTENT_TYPE")):
            raise ContractError(415, Messages.not_multipart)
        return Response({"files": read_files(environ["wsgi.input"].read, environ.get("CONTENT_TYPE"), settings.LAB.upload_limit_bytes)})


class UserSerializer(serializers.BaseSerializer):
    """The contract's user: keys in its schema's order, createdAt as JavaScript writes it."""

    def to_representation(self, user: User) -> dict[str, Any]:
        return contract.user_json(user.id, user.email, user.name, user.country, user.created_at)


class UserViewSet(ContractView, viewsets.ViewSet):
    # Any segment reaches retrieve(), which answers "params/id must be integer" for 1.5 or abc.
    lookup_value_regex = "[^/]+"

    def list(self, request: Request) -> Response:
        limit = query(request, contract.USERS_QUERY)["limit"]
        return Response({"users": UserSerializer(User.objects.order_by("id")[:limit], many=True).data})

    def retrieve(self, request: Request, pk: str) -> Response:
        user_id = contract.user_id_param(pk)
        try:
            user = User.objects.get(pk=user_id)
        except User.DoesNotExist:
            raise ContractError(404, Messages.user_not_found(user_id)) from None
        return Response(UserSerializer(user).data)

    def create(self, request: Request) -> Response:
        body = json_body(request, contract.CREATE_USER_REQUEST)
        try:
            with transaction.atomic():
                user = User.objects.create(email=body["email"], name=body["name"], country=body["country"])
        except IntegrityError as error:
            if is_email_taken(error):
                raise ContractError(409, Messages.email_taken(body["email"])) from error
            raise
        data = UserSerializer(user).data
        return Response(data, status=201, headers={"location": contract.user_path(data["id"])})
