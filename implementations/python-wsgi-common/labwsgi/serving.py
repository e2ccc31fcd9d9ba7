"""What wraps the WSGI app under gunicorn: the request's arrival time, the request log line of
GET /protected, and the reading off of a request body that an early answer left unread."""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from typing import Any

from .contract import REQUEST_LOG_MESSAGE

STARTED_KEY = "lab.started"
DRAIN_LIMIT_BYTES = 64 * 1024 * 1024
DRAIN_SECONDS = 5.0

_hostname = socket.gethostname()
_request_ids = count(1)


def raw_url(environ: dict[str, Any]) -> str:
    """The request target as the client sent it (Node's request.url)."""
    raw = environ.get("RAW_URI")
    if raw:
        return raw
    query = environ.get("QUERY_STRING", "")
    return environ.get("PATH_INFO", "") + (f"?{query}" if query else "")


def write_request_log(method: str, url: str, status: int, started: float, user_id: int) -> None:
    """One pino line (level 30 = info), in one write, so that workers' lines never interleave."""
    record = {
        "level": 30,
        "time": int(time.time() * 1000),
        "pid": os.getpid(),
        "hostname": _hostname,
        "reqId": f"req-{next(_request_ids)}",
        "method": method,
        "url": url,
        "statusCode": status,
        "responseTime": (time.perf_counter() - started) * 1000,
        "userId": user_id,
        "msg": REQUEST_LOG_MESSAGE,
    }
    os.write(1, json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode() + b"\n")


def drain(environ: dict[str, Any]) -> None:
    """Reads off what is left of the request body, for a while and up to a limit.

    An answer given before the body was read (a 413, a 415) must reach the client: closing a
    socket that still has unread data makes the kernel send a reset, which can destroy the answer
    before the client has read it. gunicorn's sync worker closes the connection after every
    response, so the rest of the body is read here, after the answer has gone out.
    """
    stream = environ.get("wsgi.input")
    if stream is None:
        return
    sock = environ.get("gunicorn.socket")
    deadline = time.monotonic() + DRAIN_SECONDS
    drained = 0
    try:
        if sock is not None:
            sock.settimeout(1.0)
        while drained < DRAIN_LIMIT_BYTES and time.monotonic() < deadline:
            chunk = stream.read(64 * 1024)
            if not chunk:
                break
            drained += len(chunk)
    except Exception:
        return


class _Closing:
    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]):
        self.body = body
        self.on_close = on_close

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.on_close()


class LabMiddleware:
    """Stamps each request's arrival, and drains its body once the response has been sent."""

    def __init__(self, app: Callable[..., Iterable[bytes]]):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ[STARTED_KEY] = time.perf_counter()
        body = self.app(environ, start_response)
        return _Closing(body, lambda: drain(environ))
