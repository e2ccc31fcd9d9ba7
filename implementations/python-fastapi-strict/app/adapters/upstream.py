"""The QuoteProvider port on the upstream API, over httpx's pool of keep-alive connections."""

import asyncio
import time
from typing import Any

import httpx
from labasgi.bodies import parse_json
from labasgi.schemas import UpstreamQuote
from pydantic import ValidationError

from ..domain.entities import Quote
from ..domain.errors import UpstreamFailed, UpstreamInvalid, UpstreamTimedOut, UpstreamUnreachable


class HttpxQuoteProvider:
    def __init__(self, base_url: str, timeout_ms: int, connections: int) -> None:
        base = httpx.URL(base_url)
        self.quote_url = base.copy_with(path=base.path.rstrip("/") + "/quote", query=None)
        self.timeout_ms = timeout_ms
        self.client = httpx.AsyncClient(
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections), timeout=None
        )

    async def quote(self, delay_ms: int | None) -> Quote:
        url = self.quote_url if delay_ms is None else self.quote_url.copy_with(query=f"delayMs={delay_ms}".encode())
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout_ms / 1000):
                response = await self.client.get(url)
                text = await response.aread()
        except TimeoutError:
            raise UpstreamTimedOut(self.timeout_ms) from None
        except httpx.HTTPError:
            raise UpstreamUnreachable() from None
        upstream_ms = (time.perf_counter() - started) * 1000
        if not 200 <= response.status_code <= 299:
            raise UpstreamFailed(response.status_code)
        try:
            document: Any = parse_json(text)
            UpstreamQuote.model_validate(document, strict=True)
        except (ValueError, RecursionError, ValidationError):
            raise UpstreamInvalid() from None
        return Quote(document, upstream_ms)

    async def close(self) -> None:
        await self.client.aclose()
