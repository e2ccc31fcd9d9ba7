from typing import Any

from labwsgi.contract import dumps
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer


class ContractJSONRenderer(BaseRenderer):
    """JSON.stringify's bytes (DRF's JSONRenderer escapes U+2028 and says no charset)."""

    media_type = "application/json"
    format = "json"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return b"" if data is None else dumps(data)


class FirstRendererNegotiation(BaseContentNegotiation):
    """The API speaks JSON whatever the client accepts, as the Node implementations do."""

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type
