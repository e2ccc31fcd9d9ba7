"""pino's request log line (the Node implementations' fields) for one route, written as the
response's last bytes go out, for requests that authentication let in: a route's dependency sets
`request.state.log_user_id`, and only then is a line written."""

import json
import os
import socket
import sys
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def original_url(scope: Scope) -> str:
    """The request's path and query as sent (Express's originalUrl, Fastify's url)."""
    path = scope.get("raw_path") or scope["path"].encode()
    query = scope.get("query_string", b"")
    return (path + (b"?" + query if query else b"")).decode("latin-1")


class RequestLog:
    """pino's line for one path, written once the response is done, for authenticated requests only."""

    def __init__(self, inner: ASGIApp, path: str) -> None:
        self.inner = inner
        self.path = path
        self.pid = os.getpid()
        self.hostname = socket.gethostname()
        self.request_id = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.inner(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_log(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            # Written as the last of the body goes out, so the line is out before the client has its answer.
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                user_id = scope.get("state", {}).get("log_user_id")
                if user_id is not None:
                    self.write(scope, status, (time.perf_counter() - started) * 1000, user_id)
            await send(message)

        await self.inner(scope, receive, send_and_log)

    def write(self, scope: Scope, status: int, response_ms: float, user_id: int) -> None:
        self.request_id += 1
        line = {
            "level": 30,
            "time": int(time.time() * 1000),
            "pid": self.pid,
            "hostname": self.hostname,
            "reqId": self.request_id,
            "method": scope["method"],
            "url": original_url(scope),
            "statusCode": status,
            "responseTime": response_ms,
            "userId": user_id,
            "msg": "request completed",
        }
        sys.stdout.write(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
        sys.stdout.flush()
