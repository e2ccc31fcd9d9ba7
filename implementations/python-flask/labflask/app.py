"""The common API (scenarios 01-08) on Flask 3."""

from __future__ import annotations

import sys
import traceback
from typing import Any

from flask import Flask, Response, request
from labcommon.errors import ContractError, Messages
from labwsgi import bodies, contract
from labwsgi.postgres import is_email_taken, retryable_database_error
from labwsgi.serving import STARTED_KEY, LabMiddleware, raw_url, write_request_log
from labwsgi.settings import Settings, read_settings
from labwsgi.upload import is_multipart, read_files
from labwsgi.upstream import UpstreamClient

from .db import Database, load_queries, sql_folder


def json_response(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(contract.dumps(value), status=status, headers=headers, content_type=contract.JSON_CONTENT_TYPE)


def error_response(error: ContractError) -> Response:
    return json_response(error.body(), error.status, error.headers)


def json_body(schema: dict[str, Any]) -> Any:
    return bodies.json_body(request.environ, schema)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or read_settings()
    app = Flask(__name__)
    # Paths match exactly: no merging of //, no redirect to a slashed path.
    app.url_map.merge_slashes = False
    app.url_map.strict_slashes = True
    queries = load_queries(sql_folder())
    database = Database(settings.database_url, settings.database_pool_size, settings.database_pool_timeout_ms)
    upstream = UpstreamClient(settings.upstream_url, settings.upstream_timeout_ms)
    app.extensions["lab"] = {"database": database, "upstream": upstream}

    def route(path: str, method: str):
        return app.route(path, methods=[method], provide_automatic_options=False)

    @route("/health", "GET")
    def health() -> Response:
        return json_response({"status": "ok"})

    @route("/echo", "POST")
    def echo() -> Response:
        return json_response(json_body(contract.ECHO_REQUEST))

    @route("/external", "GET")
    def external() -> Response:
        query = contract.validate_query(contract.EXTERNAL_QUERY, request.query_string.decode("latin-1"))
        return json_response(upstream.quote(query.get("delayMs")))

    @route("/protected", "GET")
    def protected() -> Response:
        # The chain of scenario 06: authentication, then logging (of whatever the rest answers),
        # then validation, then the handler.
        user_id = contract.check_authorization(request.headers.get("authorization"), settings.auth_secret)
        try:
            query = contract.validate_query(contract.PROTECTED_QUERY, request.query_string.decode("latin-1"))
            response = json_response(contract.protected_page(user_id, query["page"], query["pageSize"]))
        except ContractError as error:
            response = error_response(error)
        method, url, started = request.method, raw_url(request.environ), request.environ[STARTED_KEY]
        # Written once the response is done, as pino-http writes it.
        response.call_on_close(lambda: write_request_log(method, url, response.status_code, started, user_id))
        return response

    @route("/users", "GET")
    def list_users() -> Response:
        query = contract.validate_query(contract.USERS_QUERY, request.query_string.decode("latin-1"))
        with database.connection() as conn:
            rows = conn.execute(queries["user_list"], (query["limit"],)).fetchall()
        return json_response({"users": [contract.user_json(*row) for row in rows]})

    @route("/users/<user_id>", "GET")
    def get_user(user_id: str) -> Response:
        user_id_number = contract.user_id_param(user_id)
        with database.connection() as conn:
            row = conn.execute(queries["user_by_id"], (user_id_number,)).fetchone()
        if row is None:
            raise ContractError(404, Messages.user_not_found(user_id_number))
        return json_response(contract.user_json(*row))

    @route("/users", "POST")
    def create_user() -> Response:
        body = json_body(contract.CREATE_USER_REQUEST)
        try:
            with database.connection() as conn, conn.transaction():
                row = conn.execute(queries["user_insert"], (body["email"], body["name"], body["country"])).fetchone()
        except Exception as error:
            # Rolled back by now, and the connection given back to the pool.
            if is_email_taken(error):
                raise ContractError(409, Messages.email_taken(body["email"])) from error
            raise
        user = contract.user_json(*row)
        return json_response(user, 201, {"location": contract.user_path(user["id"])})

    @route("/upload", "POST")
    def upload() -> Response:
        # Refused before a byte of the body is read.
        if not is_multipart(request.environ.get("CONTENT_TYPE")):
            raise ContractError(415, Messages.not_multipart)
        files = read_files(request.environ["wsgi.input"].read, request.environ.get("CONTENT_TYPE"), settings.upload_limit_bytes)
        return json_response({"files": files})

    @app.errorhandler(ContractError)
    def contract_error(error: ContractError) -> Response:
        return error_response(error)

    @app.errorhandler(404)
    @app.errorhandler(405)
    def not_found(_error: Exception) -> Response:
        # A known path with another method is an unknown route too, as in Fastify.
        return error_response(ContractError(404, Messages.route_not_found(request.method, raw_url(request.environ))))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        retryable = retryable_database_error(error)
        if retryable is not None:
            return error_response(retryable)
        traceback.print_exception(error, file=sys.stderr)
        return error_response(ContractError(500, Messages.internal))

    app.wsgi_app = LabMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    return app


def close_app(app: Flask) -> None:
    lab = app.extensions.get("lab", {})
    if "database" in lab:
        lab["database"].close()
    if "upstream" in lab:
        lab["upstream"].close()
