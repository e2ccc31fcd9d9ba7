"""The common API's contract, as the Node contract package states it (implementations/contract/src).

The JSON Schemas of the requests, the bearer tokens of GET /protected and the JSON bytes the Node
implementations write (error bodies and messages are labcommon.errors, shared with the ASGI
implementations). Framework-free, so that it can be unit tested.

Validation is a small hand validator of the JSON Schema keywords the contract uses, rather than
pydantic: the contract's 400s carry ajv's messages, in ajv's order (required, then
additionalProperties, then each property in schema order, stopping at the first error), ajv's
coercion of query values ("20", " 20", "2e1" are 20) and no coercion of bodies at all. pydantic's
lax mode coerces bodies, strict mode refuses what ajv coerces in a query, and its error texts and
order would all have to be mapped back; the ~150 lines below say the same thing as ajv directly.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from labcommon.errors import ContractError, Messages, unauthorized

MAX_SAFE_INTEGER = 9007199254740991


# ---------------------------------------------------------------------------------------------
# JSON as JavaScript reads and writes it

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def dumps(value: Any) -> bytes:
    """JSON.stringify's bytes: no spaces, non-ASCII as it is, keys in the order given."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _array_index(key: str) -> bool:
    return key.isdigit() and key.isascii() and (key == "0" or key[0] != "0") and int(key) < 2**32 - 1


def _js_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A repeated key keeps its first place and takes its last value, as in JSON.parse; keys that
    # are array indices come first, ascending, as in every JavaScript object.
    result = dict(pairs)
    if any(_array_index(key) for key in result):
        indices = sorted((key for key in result if _array_index(key)), key=int)
        result = {key: result[key] for key in [*indices, *(key for key in result if not _array_index(key))]}
    return result


def _js_number(text: str) -> int | float:
    value = float(text)
    # JSON.parse has one number type: 2.0 is 2, and JSON.stringify writes it so.
    return int(value) if value.is_integer() and abs(value) < 1e21 else value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads(raw: bytes) -> Any:
    """JSON.parse of a UTF-8 body; ValueError when it is not JSON."""
    return json.loads(
        raw.decode("utf-8", errors="replace"),
        object_pairs_hook=_js_object,
        parse_float=_js_number,
        parse_constant=_no_constant,
    )


def media_type(content_type: str | None) -> str | None:
    if content_type is None:
        return None
    return content_type.split(";", 1)[0].strip().lower()


def parse_json_body(content_type: str | None, raw: bytes | None) -> Any:
    """A request body as Fastify's JSON parser takes it. `raw` None: the request has no body.

    No body at all is left to the schema ("body must be object"); a body of another type is a 415.
    """
    if raw is None:
        return None
    if media_type(content_type) != "application/json":
        raise ContractError(415, Messages.unsupported_media_type)
    if raw == b"":
        raise ContractError(400, Messages.empty_json_body)
    try:
        return loads(raw)
    except ValueError as error:
        raise ContractError(400, Messages.invalid_json) from error


# ---------------------------------------------------------------------------------------------
# Query strings, coerced as ajv's coerceTypes does

# JavaScript's StringToNumber: what `+text` is.
_JS_WHITESPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_JS_RADIX = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def js_to_number(text: str) -> float:
    stripped = text.strip(_JS_WHITESPACE)
    if stripped == "":
        return 0.0
    if _JS_RADIX.fullmatch(stripped):
        return float(int(stripped, 0))
    if _JS_DECIMAL.fullmatch(stripped):
        return float(stripped.replace("Infinity", "inf"))
    return math.nan


def parse_query(query_string: str) -> dict[str, str | list[str]]:
    """The query as fast-querystring parses it: a repeated key becomes a list."""
    query: dict[str, str | list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        if key in query:
            previous = query[key]
            query[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            query[key] = value
    return query


# ---------------------------------------------------------------------------------------------
# The validator: ajv's keywords, order and messages for the subset the contract uses


class SchemaError(ValueError):
    pass


def _js_pattern(pattern: str) -> re.Pattern[str]:
    # JavaScript's \s is a larger class than Python's, and its $ does not match before a final
    # newline as Python's does.
    translated = pattern.replace(r"\s", _JS_WHITESPACE.replace("\n", r"\n").replace("\t", r"\t"))
    if translated.endswith("$"):
        translated = translated[:-1] + r"\Z"
    return re.compile(translated)


_patterns: dict[str, re.Pattern[str]] = {}


def _type_ok(expected: str, value: Any) -> bool:
    if expected == "object":
        return isinstance(value, dict)
    if expected == "array":
        return isinstance(value, list)
    if expected == "string":
        return isinstance(value, str)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if expected == "number":
        return math.isfinite(value)
    return math.isfinite(value) and float(value).is_integer()  # integer


def _coerce(expected: str, value: Any) -> Any:
    # ajv: a non-empty string that is a number becomes that number; nothing else is coerced here.
    if expected in ("integer", "number") and isinstance(value, str) and value != "":
        number = js_to_number(value)
        if not math.isnan(number):
            return int(number) if math.isfinite(number) and number.is_integer() else number
    return value


def _pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _number(limit: int | float) -> str:
    return str(int(limit)) if float(limit).is_integer() else repr(limit)


def _check(schema: dict[str, Any], value: Any, path: str, coerce: bool) -> Any:
    expected = schema.get("type")
    if expected is not None:
        if coerce:
            value = _coerce(expected, value)
        if not _type_ok(expected, value):
            raise SchemaError(f"{path} must be {expected}")
    if "const" in schema and value != schema["const"]:
        raise SchemaError(f"{path} must be equal to constant")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "maximum" in schema and value > schema["maximum"]:
            raise SchemaError(f"{path} must be <= {_number(schema['maximum'])}")
        if "minimum" in schema and value < schema["minimum"]:
            raise SchemaError(f"{path} must be >= {_number(schema['minimum'])}")
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
            value = int(value)
    elif isinstance(value, str):
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            raise SchemaError(f"{path} must NOT have more than {schema['maxLength']} characters")
        if "minLength" in schema and len(value) < schema["minLength"]:
            raise SchemaError(f"{path} must NOT have fewer than {schema['minLength']} characters")
        if "pattern" in schema:
            pattern = _patterns.get(schema["pattern"]) or _patterns.setdefault(schema["pattern"], _js_pattern(schema["pattern"]))
            if not pattern.search(value):
                raise SchemaError(f'{path} must match pattern "{schema["pattern"]}"')
    elif isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise SchemaError(f"{path} must NOT have more than {schema['maxItems']} items")
        if "minItems" in schema and len(value) < schema["minItems"]:
            raise SchemaError(f"{path} must NOT have fewer than {schema['minItems']} items")
        if "items" in schema:
            value = [_check(schema["items"], item, f"{path}/{index}", coerce) for index, item in enumerate(value)]
    elif isinstance(value, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        for name, property_schema in properties.items():
            if name not in value and "default" in property_schema:
                value[name] = property_schema["default"]
        for name in schema.get("required", []):
            if name not in value:
                raise SchemaError(f"{path} must have required property '{name}'")
        additional = schema.get("additionalProperties", True)
        if additional is False:
            for name in value:
                if name not in properties:
                    raise SchemaError(f"{path} must NOT have additional properties: '{name}'")
        for name, property_schema in properties.items():
            if name in value:
                value[name] = _check(property_schema, value[name], f"{path}/{_pointer(name)}", coerce)
        if isinstance(additional, dict):
            for name in value:
                if name not in properties:
                    value[name] = _check(additional, value[name], f"{path}/{_pointer(name)}", coerce)
    return value


def validate(schema: dict[str, Any], value: Any, data_var: str, *, coerce: bool = False) -> Any:
    """The value (with defaults and, for URL parts, coerced numbers) or the contract's 400."""
    try:
        return _check(schema, value, data_var, coerce)
    except SchemaError as error:
        raise ContractError(400, str(error)) from None


def validate_query(schema: dict[str, Any], query_string: str) -> dict[str, Any]:
    return validate(schema, dict(parse_query(query_string)), "querystring", coerce=True)


# ---------------------------------------------------------------------------------------------
# Schemas (implementations/contract/src/schemas.ts)

_address = {
    "type": "object",
    "additionalProperties": False,
    "required": ["street", "city", "postcode", "country"],
    "properties": {
        "street": {"type": "string", "minLength": 1},
        "city": {"type": "string", "minLength": 1},
        "postcode": {"type": "string", "minLength": 1},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
    },
}
_customer = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "email", "address"],
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "name": {"type": "string", "minLength": 1},
        "email": {"type": "string", "minLength": 3},
        "address": _address,
    },
}
_order_item = {
    "type": "object",
    "additionalProperties": False,
    "required": ["sku", "name", "quantity", "unitPrice"],
    "properties": {
        "sku": {"type": "string", "minLength": 1},
        "name": {"type": "string", "minLength": 1},
        "quantity": {"type": "integer", "minimum": 1},
        "unitPrice": {"type": "number", "minimum": 0},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}
ECHO_REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "createdAt", "customer", "items"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "createdAt": {"type": "string", "minLength": 1},
        "customer": _customer,
        "items": {"type": "array", "minItems": 1, "maxItems": 2000, "items": _order_item},
        "notes": {"type": "string"},
        "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
EXTERNAL_QUERY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"delayMs": {"type": "integer", "minimum": 0, "maximum": 10_000}},
}
UPSTREAM_QUOTE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["delayMs", "quote"],
    "properties": {
        "delayMs": {"type": "integer", "minimum": 0, "maximum": 10_000},
        "quote": {
            "type": "object",
            "additionalProperties": False,
            "required": ["symbol", "price", "currency"],
            "properties": {
                "symbol": {"type": "string", "minLength": 1},
                "price": {"type": "number"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            },
        },
    },
}
PROTECTED_QUERY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "page": {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1},
        "pageSize": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    },
}
USERS_QUERY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
}
USER_PARAMS = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id"],
    "properties": {"id": {"type": "integer", "minimum": 1, "maximum": MAX_SAFE_INTEGER}},
}
CREATE_USER_REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["email", "name", "country"],
    "properties": {
        "email": {"type": "string", "minLength": 3, "maxLength": 254, "pattern": "^[^@\\s]+@[^@\\s]+$"},
        "name": {"type": "string", "minLength": 1, "maxLength": 100},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
    },
}


def user_id_param(text: str) -> int:
    return validate(USER_PARAMS, {"id": text}, "params", coerce=True)["id"]


# ---------------------------------------------------------------------------------------------
# Users


def iso_millis(moment: datetime) -> str:
    """created_at as the Node implementations write it: node-pg's Date, then toISOString().

    postgres-date computes the milliseconds as 1000 * parseFloat(".ffffff") and Date truncates
    them; doing the same float arithmetic gives the same millisecond in the rare cases where
    that product falls just below a whole number.
    """
    utc = moment.astimezone(UTC)
    fraction = f"{utc.microsecond:06d}".rstrip("0")
    millis = int(1000 * float("0." + fraction)) if fraction else 0
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis:03d}Z"


def user_json(user_id: int, email: str, name: str, country: str, created_at: datetime) -> dict[str, Any]:
    return {"id": int(user_id), "email": email, "name": name, "country": country, "createdAt": iso_millis(created_at)}


def user_path(user_id: int) -> str:
    return f"/users/{user_id}"


# ---------------------------------------------------------------------------------------------
# GET /protected: "Bearer v1.<userId>.<hex HMAC-SHA256 of v1.<userId>>"

_TOKEN = re.compile(r"v1\.([1-9][0-9]{0,15})\.([0-9a-f]{64})")
REQUEST_LOG_MESSAGE = "request completed"


def verify_token(token: str, secret: str) -> int:
    match = _TOKEN.fullmatch(token)
    if not match or int(match[1]) > MAX_SAFE_INTEGER:
        raise unauthorized(Messages.malformed_token)
    expected = hmac.new(secret.encode(), f"v1.{match[1]}".encode(), hashlib.sha256).hexdigest()
    # Constant-time, so the time taken says nothing about how much of a forged signature was right.
    if not hmac.compare_digest(expected, match[2]):
        raise unauthorized(Messages.invalid_signature)
    return int(match[1])


def issue_token(user_id: int, secret: str) -> str:
    payload = f"v1.{user_id}"
    return f"{payload}.{hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()}"


def check_authorization(header: str | None, secret: str) -> int:
    """The user id of an Authorization header, or the contract's 401 (scheme in any case)."""
    if not header:
        raise unauthorized(Messages.missing_authorization)
    scheme, _, rest = header.partition(" ")
    if scheme.lower() != "bearer":
        raise unauthorized(Messages.not_bearer)
    return verify_token(rest.strip(_JS_WHITESPACE), secret)


def protected_page(user_id: int, page: int, page_size: int) -> dict[str, Any]:
    first = (page - 1) * page_size + 1
    items = [{"id": item, "title": f"Item {item} of user {user_id}"} for item in range(first, first + page_size)]
    return {"userId": user_id, "page": page, "pageSize": page_size, "items": items}
