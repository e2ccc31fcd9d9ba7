"""The contract's error shape {statusCode, error, message} and every message it names
(implementations/contract/src/errors.ts), for the WSGI and the ASGI implementations alike."""

from __future__ import annotations

from http import HTTPStatus

BODY_LIMIT_BYTES = 1024 * 1024
UPLOAD_PARTS_LIMIT = 1000
DEFAULT_UPLOAD_LIMIT_BYTES = 32 * 1024 * 1024


class Messages:
    invalid_json = "body is not valid JSON"
    empty_json_body = "body must not be empty when content-type is application/json"
    body_too_large = f"body must not be larger than {BODY_LIMIT_BYTES} bytes"
    unsupported_media_type = "content-type must be application/json"
    internal = "internal server error"

    upstream_unreachable = "upstream could not be reached"
    upstream_invalid_body = "upstream answered with a body that is not a quote"

    missing_authorization = "authorization header is required"
    not_bearer = "authorization scheme must be Bearer"
    malformed_token = "bearer token is malformed"
    invalid_signature = "bearer token signature is invalid"

    not_multipart = "content-type must be multipart/form-data"
    invalid_multipart = "body is not valid multipart/form-data"
    no_file = "body must contain at least one file"
    too_many_parts = f"body must not have more than {UPLOAD_PARTS_LIMIT} parts"
    reserved_part_name = "body must not have a part named after an Object.prototype property"

    wrong_credentials = "email or password is wrong"
    expired_token = "bearer token has expired"
    invalid_access_token = "bearer token is not a valid access token"
    unknown_session = "session does not exist or has expired"

    pool_exhausted = "no database connection was free in time: the pool is exhausted, try again"
    database_busy = "the database did not accept a new connection in time, try again"
    database_unavailable = "the database is unavailable, try again"
    nul_character = "body must not contain the character U+0000, which PostgreSQL text cannot store"

    @staticmethod
    def route_not_found(method: str, url: str) -> str:
        return f"route {method} {url} does not exist"

    @staticmethod
    def upstream_status(status: int) -> str:
        return f"upstream answered with status {status}"

    @staticmethod
    def upstream_timeout(timeout_ms: int) -> str:
        return f"upstream did not answer within {timeout_ms} ms"

    @staticmethod
    def file_too_large(limit_bytes: int) -> str:
        return f"file must not be larger than {limit_bytes} bytes"

    @staticmethod
    def user_not_found(user_id: int) -> str:
        return f"user {user_id} does not exist"

    @staticmethod
    def email_taken(email: str) -> str:
        return f"email {email} is already taken"


# Node's http.STATUS_CODES, which the contract's errorResponse() takes `error` from, where they
# differ from Python's phrases (e.g. 413 is "Request Entity Too Large" in Python).
_NODE_PHRASES = {
    413: "Payload Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    422: "Unprocessable Entity",
}


def reason_phrase(status: int) -> str:
    if status in _NODE_PHRASES:
        return _NODE_PHRASES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def error_body(status: int, message: str) -> dict[str, object]:
    """The contract's error body, keys in the schema's order."""
    return {"statusCode": status, "error": reason_phrase(status), "message": message}


class ContractError(Exception):
    """An error that knows its status, contract message and the headers its answer needs."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict[str, object]:
        return error_body(self.status, self.message)


def unauthorized(message: str) -> ContractError:
    """A 401 with the challenge that says which scheme to use."""
    return ContractError(401, message, {"www-authenticate": "Bearer"})


def retry_later(message: str) -> ContractError:
    """A 503 a client may retry a moment later."""
    return ContractError(503, message, {"retry-after": "1"})
