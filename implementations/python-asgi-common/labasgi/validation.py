"""Pydantic's validation errors told as the contract tells them: ajv's first error, in ajv's
order, formatted as Fastify's schemaErrorFormatter does (``body/items/0/quantity must be >= 1``,
``body must NOT have additional properties: 'discount'``).

ajv (allErrors: false) stops at the first error it meets, and it meets them in this order: at an
object, a missing required property (in the order of ``required``), then an additional property
(in the order of the data), then each property in the order of the schema, depth first; at an
array, its own length, then each item; at a value, its type, then its limits. Pydantic reports all
of them, so the first is picked with a key that follows that walk.
"""

import math
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContractError
from .jsonout import js_number

_TYPE_NAMES = {
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "string_type": "string",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "array",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
}


def _pointer(path: tuple[Any, ...]) -> str:
    """ajv's instancePath: a JSON pointer."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _TYPE_NAMES:
        return f"must be {_TYPE_NAMES[kind]}"
    if kind == "greater_than_equal":
        return f"must be >= {_number(ctx['ge'])}"
    if kind == "less_than_equal":
        return f"must be <= {_number(ctx['le'])}"
    if kind == "string_too_short":
        return f"must NOT have fewer than {ctx['min_length']} characters"
    if kind == "string_too_long":
        return f"must NOT have more than {ctx['max_length']} characters"
    if kind == "string_pattern_mismatch":
        return f'must match pattern "{ctx["pattern"]}"'
    if kind == "too_short":
        return f"must NOT have fewer than {ctx['min_length']} items"
    if kind == "too_long":
        return f"must NOT have more than {ctx['max_length']} items"
    if kind == "literal_error":
        return "must be equal to constant"
    return "is invalid"


def _number(value: Any) -> str:
    return str(js_number(value)) if isinstance(value, float) else str(value)


def _sort_key(model: type[BaseModel], data: Any, error: dict[str, Any]) -> tuple[tuple[int, ...], ...]:
    """Where ajv would meet the error: a tuple per level, smaller first."""
    loc = tuple(error["loc"])
    kind = error["type"]
    at = loc[:-1] if kind in ("missing", "extra_forbidden") else loc
    key: list[tuple[int, ...]] = []
    shape: Any = model
    node: Any = data
    for step in at:
        origin = typing.get_origin(shape)
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            names = list(shape.model_fields)
            index = names.index(step) if step in names else len(names)
            key.append((2, index))
            shape = shape.model_fields[step].annotation if step in shape.model_fields else Any
        elif origin is list:
            key.append((1, step if isinstance(step, int) else 0))
            shape = typing.get_args(shape)[0]
        elif origin is dict:
            keys = list(node) if isinstance(node, dict) else []
            key.append((1, keys.index(step) if step in keys else 0))
            shape = typing.get_args(shape)[1]
        else:
            key.append((3, 0))
        shape = _unwrap_optional(shape)
        node = node.get(step) if isinstance(node, dict) else node[step] if isinstance(node, list) else None
    if kind == "missing":
        names = list(shape.model_fields) if isinstance(shape, type) and issubclass(shape, BaseModel) else []
        key.append((0, 0, names.index(loc[-1]) if loc[-1] in names else 0))
    elif kind == "extra_forbidden":
        keys = list(node) if isinstance(node, dict) else []
        key.append((0, 1, keys.index(loc[-1]) if loc[-1] in keys else 0))
    else:
        key.append((0, -1))
    return tuple(key)


def _unwrap_optional(shape: Any) -> Any:
    if typing.get_origin(shape) in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(shape) if option is not type(None)]
        if len(options) == 1:
            return options[0]
    return shape


def first_error_message(model: type[BaseModel], data: Any, error: ValidationError, data_var: str) -> str:
    """The message ajv would give for the first error it meets."""
    errors = error.errors(include_url=False, include_input=False)
    first = min(errors, key=lambda candidate: _sort_key(model, data, candidate))
    loc = tuple(first["loc"])
    if first["type"] == "missing":
        return f"{data_var}{_pointer(loc[:-1])} must have required property '{loc[-1]}'"
    if first["type"] == "extra_forbidden":
        return f"{data_var}{_pointer(loc[:-1])} must NOT have additional properties: '{loc[-1]}'"
    return f"{data_var}{_pointer(loc)} {_message(first)}"


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, data_var: str) -> M:
    """The data as the model, or the contract's 400 naming the first field that is wrong."""
    if not isinstance(data, dict):
        # A model's own type error: ajv says "body must be object" for null, a list, a number.
        raise ContractError(400, f"{data_var} must be object")
    try:
        return model.model_validate(data, strict=True)
    except ValidationError as error:
        raise ContractError(400, first_error_message(model, data, error, data_var)) from None


# Query strings and path parameters: text coerced as ajv's coerceTypes does for an integer
# (`x && x == +x && !(x % 1)`), with JavaScript's Number() rules for the text.
_JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_RADIX = re.compile(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def js_to_number(text: str) -> float:
    """JavaScript's Number(text); NaN for text that is not a number."""
    trimmed = text.strip(_JS_SPACE)
    if trimmed == "":
        return 0.0
    if _RADIX.fullmatch(trimmed):
        return float(int(trimmed, 0))
    if _DECIMAL.fullmatch(trimmed):
        return float(trimmed)
    if trimmed in ("Infinity", "+Infinity"):
        return math.inf
    if trimmed == "-Infinity":
        return -math.inf
    return math.nan


def coerce_integer(value: Any) -> Any:
    """A numeric text as the integer it names, as ajv coerces; anything else unchanged."""
    if isinstance(value, str) and value != "":
        number = js_to_number(value)
        if math.isfinite(number) and number.is_integer():
            return int(number)
    return value


def coerce_url_values(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """The text of integer fields coerced; other fields and unknown keys as they came."""
    coerced = dict(values)
    for name, field in model.model_fields.items():
        if name in coerced and _unwrap_optional(field.annotation) is int:
            coerced[name] = coerce_integer(coerced[name])
    return coerced


def query_values(multi_items: list[tuple[str, str]]) -> dict[str, Any]:
    """node:querystring's object: one text per key, a list for a key repeated."""
    values: dict[str, Any] = {}
    for key, value in multi_items:
        if key in values:
            previous = values[key]
            values[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[key] = value
    return values
