"""POST /echo (scenario 02) through the JSON library LAB_JSON names: Pydantic (the default: the
stdlib's json reads the body, a Pydantic model validates it, the stdlib writes the answer), or
msgspec (its decoder reads the body, a msgspec Struct validates it, its encoder writes the answer).

Both answer byte for byte as the Node implementations do. msgspec is the path of a valid order;
what it cannot read as JSON.parse reads it (a lone surrogate, a number out of range) goes the
default way, and an order it refuses is worded by the Pydantic model, which knows which error ajv
meets first (an invalid order is not what the variant measures)."""

from collections.abc import Callable
from typing import Annotated, Any

import msgspec
from fastapi import Request
from labasgi.bodies import body_bytes, parse_body, read_json
from labasgi.jsonout import JsResponse, js_number
from labasgi.schemas import EchoRequest
from labasgi.validation import validate
from msgspec import UNSET, Meta, Struct, UnsetType
from starlette.responses import Response

# Python's re: `\Z` is the end of the text (`$` would let a trailing newline through, unlike ajv's).
NonEmpty = Annotated[str, Meta(min_length=1)]
CountryCode = Annotated[str, Meta(pattern=r"^[A-Z]{2}\Z")]


class Address(Struct, forbid_unknown_fields=True):
    street: NonEmpty
    city: NonEmpty
    postcode: NonEmpty
    country: CountryCode


class Customer(Struct, forbid_unknown_fields=True):
    id: Annotated[int, Meta(ge=1)]
    name: NonEmpty
    email: Annotated[str, Meta(min_length=3)]
    address: Address


class OrderItem(Struct, forbid_unknown_fields=True):
    sku: NonEmpty
    name: NonEmpty
    quantity: Annotated[int, Meta(ge=1)]
    unitPrice: Annotated[float, Meta(ge=0)]
    tags: list[str] | UnsetType = UNSET


class Order(Struct, forbid_unknown_fields=True):
    """openapi.yaml's EchoRequest, as labasgi.schemas.EchoRequest says it for Pydantic."""

    id: NonEmpty
    createdAt: NonEmpty
    customer: Customer
    items: Annotated[list[OrderItem], Meta(min_length=1, max_length=2000)]
    notes: str | UnsetType = UNSET
    metadata: dict[str, str] | UnsetType = UNSET


MAX_SAFE_INTEGER = 2**53 - 1
# JSON.stringify writes a number of 1e21 or more with an exponent and its sign ("1e+21"), msgspec
# without the sign; Python's repr writes it as JavaScript does.
_EXPONENT_FROM = 1e21
_decoder = msgspec.json.Decoder()
_encoder = msgspec.json.Encoder()


def _map_numbers(value: Any, number: Callable[[Any], Any]) -> Any:
    """The value with `number` applied to every number in it (bools are not numbers here)."""
    if isinstance(value, dict):
        return {key: _map_numbers(item, number) for key, item in value.items()}
    if isinstance(value, list):
        return [_map_numbers(item, number) for item in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return value


def _js_number(value: int | float) -> int | float:
    if isinstance(value, int):
        return value if abs(value) <= MAX_SAFE_INTEGER else js_number(float(value))
    return js_number(value)


def js_value(value: Any) -> Any:
    """A decoded value as JSON.parse gives it: 2.0 is 2, an integer beyond 2^53 the nearest double."""
    return _map_numbers(value, _js_number)


def _signed_exponent(value: int | float) -> Any:
    return msgspec.Raw(repr(value).encode()) if isinstance(value, float) and abs(value) >= _EXPONENT_FROM else value


def _has_exponent(value: Any) -> bool:
    if isinstance(value, float):
        return abs(value) >= _EXPONENT_FROM
    if isinstance(value, dict):
        return any(_has_exponent(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_exponent(item) for item in value)
    return False


def encode_like_javascript(value: Any) -> bytes:
    """JSON.stringify's bytes, written by msgspec."""
    return _encoder.encode(_map_numbers(value, _signed_exponent) if _has_exponent(value) else value)


def decode_order(raw: bytes) -> Any:
    """The body as JSON.parse reads it: msgspec's decoder, or the default one where msgspec refuses."""
    try:
        return js_value(_decoder.decode(raw))
    except msgspec.DecodeError:
        return parse_body(raw)


def validate_order(value: Any) -> None:
    """The contract's 400 for an order it refuses, worded as ajv words the first error it meets."""
    try:
        msgspec.convert(value, Order, strict=True)
    except msgspec.ValidationError:
        # Pydantic's model, written for ajv's order, says why; it is the reference if they disagree.
        validate(EchoRequest, value, "body")


class MsgspecResponse(Response):
    media_type = JsResponse.media_type

    def render(self, content: Any) -> bytes:
        return encode_like_javascript(content)


async def echo_with_pydantic(request: Request) -> Response:
    body = await read_json(request)
    validate(EchoRequest, body, "body")
    # The validated order as it came, byte for byte (the model would turn 10 into 10.0).
    return JsResponse(body)


async def echo_with_msgspec(request: Request) -> Response:
    raw = await body_bytes(request)
    body = None if raw is None else decode_order(raw)
    validate_order(body)
    return MsgspecResponse(body)


ECHOES = {"pydantic": echo_with_pydantic, "msgspec": echo_with_msgspec}
