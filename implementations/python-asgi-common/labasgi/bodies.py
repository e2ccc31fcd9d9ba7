"""Reading request bodies as the Node implementations do: the content type first (415), then the
size (413 over 1 MiB), then the JSON (400), never coerced."""

import json
from typing import Any

from starlette.requests import Request

from .errors import BODY_LIMIT_BYTES, ContractError, Messages
from .jsonout import js_number


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def has_body(request: Request) -> bool:
    """Fastify's rule: a transfer-encoding, or a content-length that is not 0."""
    length = request.headers.get("content-length")
    return "transfer-encoding" in request.headers or (length is not None and length != "0")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _parse_int(text: str) -> int | float:
    # JavaScript's numbers: beyond 2^53 an integer is the nearest double, as JSON.parse reads it.
    return int(text) if len(text) < 16 else js_number(float(text))


def parse_json(raw: bytes) -> Any:
    """JSON.parse's value: integral numbers as int (2.0 is 2), no NaN or Infinity."""
    return json.loads(
        raw.decode("utf-8", "replace"),
        parse_float=lambda text: js_number(float(text)),
        parse_int=_parse_int,
        parse_constant=_reject_constant,
    )


async def body_bytes(request: Request) -> bytes | None:
    """The JSON body's bytes, or None when there is none; the contract's 415, 413 or 400 (empty) otherwise."""
    if media_type(request) != "application/json":
        if has_body(request):
            raise ContractError(415, Messages.unsupported_media_type)
        return None
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > BODY_LIMIT_BYTES:
        raise ContractError(413, Messages.body_too_large)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_LIMIT_BYTES:
            raise ContractError(413, Messages.body_too_large)
        chunks.append(chunk)
    raw = b"".join(chunks)
    if raw == b"":
        raise ContractError(400, Messages.empty_json_body)
    return raw


def parse_body(raw: bytes) -> Any:
    """A body's JSON value, or the contract's 400."""
    try:
        return parse_json(raw)
    except (ValueError, RecursionError):
        raise ContractError(400, Messages.invalid_json) from None


async def read_json(request: Request) -> Any:
    """The JSON body, or None when there is none; the contract's 415, 413 or 400 otherwise."""
    raw = await body_bytes(request)
    return None if raw is None else parse_body(raw)
