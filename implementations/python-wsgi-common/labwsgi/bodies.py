"""JSON request bodies read from the WSGI stream itself, within the contract's 1 MiB limit.

Not through the frameworks' request objects: Django's request.body knows only Content-Length, DRF
turns a missing body into {} before a parser could say it is missing, and Flask's get_json answers
its own 400s and 415s.
"""

from __future__ import annotations

from typing import Any

from labcommon.errors import BODY_LIMIT_BYTES, ContractError, Messages

from .contract import media_type, parse_json_body, validate


def read_body(environ: dict[str, Any]) -> bytes | None:
    """The request body within the 1 MiB limit; None when the request has none (Fastify's rule)."""
    length = environ.get("CONTENT_LENGTH") or None
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    content_type = environ.get("CONTENT_TYPE") or None
    if content_type is None and not chunked and length in (None, "0"):
        return None
    if media_type(content_type) != "application/json":
        raise ContractError(415, Messages.unsupported_media_type)
    if length is not None and length.isdigit() and int(length) > BODY_LIMIT_BYTES:
        raise ContractError(413, Messages.body_too_large)
    raw = environ["wsgi.input"].read(BODY_LIMIT_BYTES + 1)
    if len(raw) > BODY_LIMIT_BYTES:
        raise ContractError(413, Messages.body_too_large)
    return raw


def json_body(environ: dict[str, Any], schema: dict[str, Any]) -> Any:
    """The request's JSON body checked against the schema, or the contract's 400, 413 or 415."""
    return validate(schema, parse_json_body(environ.get("CONTENT_TYPE") or None, read_body(environ)), "body")
