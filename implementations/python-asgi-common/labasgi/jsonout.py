"""JSON written as JavaScript's JSON.stringify writes it: no spaces, UTF-8 as it is, and numbers
as JavaScript prints them (2.0 is 2), so that answers are the Node implementations' bytes."""

import json
import math
from typing import Any

from starlette.responses import Response

_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def js_number(value: float) -> int | float:
    """The value JavaScript would print for this float: integral ones below 1e21 as integers."""
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    return value


def _js_values(value: Any) -> Any:
    if isinstance(value, float):
        return js_number(value)
    if isinstance(value, dict):
        return {key: _js_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_js_values(item) for item in value]
    return value


def dumps(value: Any) -> bytes:
    return _encoder.encode(_js_values(value)).encode("utf-8", "surrogatepass")


class JsResponse(Response):
    """A JSON answer with the Node implementations' content type and bytes."""

    media_type = "application/json; charset=utf-8"

    def render(self, content: Any) -> bytes:
        return dumps(content)
