"""GET /external's call to the upstream: keep-alive connections (urllib3), one deadline for the
whole exchange, and the contract's 502/504 for every way it can fail."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

import urllib3
from labcommon.errors import ContractError, Messages
from urllib3.exceptions import HTTPError, NewConnectionError, TimeoutError

from .contract import UPSTREAM_QUOTE, loads, validate


class UpstreamClient:
    def __init__(self, upstream_url: str, timeout_ms: int, connections: int = 4):
        parts = urlsplit(upstream_url)
        self.timeout_ms = timeout_ms
        self.quote_path = parts.path.rstrip("/") + "/quote"
        self.pool = urllib3.HTTPConnectionPool(
            parts.hostname or "127.0.0.1",
            parts.port or 80,
            maxsize=connections,
            block=False,
            retries=False,
        )

    def _fetch(self, path: str) -> bytes:
        timeout = urllib3.Timeout(total=self.timeout_ms / 1000)
        try:
            response = self.pool.request("GET", path, timeout=timeout, retries=False, preload_content=True)
        except NewConnectionError as error:
            # Refused or unresolvable (urllib3 makes it a kind of ConnectTimeoutError, which it is not).
            raise ContractError(502, Messages.upstream_unreachable) from error
        except TimeoutError as error:
            raise ContractError(504, Messages.upstream_timeout(self.timeout_ms)) from error
        except HTTPError as error:
            raise ContractError(502, Messages.upstream_unreachable) from error
        if not 200 <= response.status <= 299:
            raise ContractError(502, Messages.upstream_status(response.status))
        return response.data

    def quote(self, delay_ms: int | None) -> dict[str, Any]:
        path = self.quote_path if delay_ms is None else f"{self.quote_path}?delayMs={delay_ms}"
        started = time.perf_counter()
        body = self._fetch(path)
        upstream_ms = (time.perf_counter() - started) * 1000
        try:
            quote = validate(UPSTREAM_QUOTE, loads(body), "upstream")
        except (ValueError, ContractError) as error:
            raise ContractError(502, Messages.upstream_invalid_body) from error
        return {"upstream": quote, "upstreamMs": upstream_ms}

    def close(self) -> None:
        self.pool.close()
