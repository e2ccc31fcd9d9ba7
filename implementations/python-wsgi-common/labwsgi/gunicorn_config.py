"""gunicorn's settings for a lab WSGI implementation, from the lab's environment (PORT, HOST,
WEB_CONCURRENCY, GUNICORN_THREADS).

The environment is checked here, in the master, so that a server started without UPSTREAM_URL or
DATABASE_URL exits 1 with one line saying which variable to set, as the Node servers do.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from labcommon.environment import settings_or_exit

from .settings import read_settings


def gunicorn_settings(name: str, wsgi_app: str, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings a gunicorn.conf.py declares, by name; the process ends (exit 1) on a bad environment."""
    env = os.environ if env is None else env
    settings = settings_or_exit(name, read_settings, env)

    def when_ready(server: Any) -> None:
        # The line the harness waits for, with the real port when PORT=0 let the kernel pick one.
        for listener in server.LISTENERS:
            port = listener.sock.getsockname()[1]
            print(f"{name} listening on http://{settings.host}:{port}", flush=True)

    return {
        "wsgi_app": wsgi_app,
        "bind": [f"{settings.host}:{settings.port}"],
        # gthread, not sync: sync workers serve one request per connection and expect a buffering proxy
        # (nginx) in front. Loaded directly by clients that keep their connections open (every load
        # generator, every service mesh), two sync workers took ~0.5 s per request and reset hundreds of
        # connections in the lab's first run; gthread is gunicorn's worker for keep-alive clients.
        "worker_class": "gthread",
        "threads": int(env.get("GUNICORN_THREADS") or 8),
        "keepalive": 5,
        "workers": int(env.get("WEB_CONCURRENCY") or 2),
        # Imported once in the master and forked: the workers share its pages. Nothing there opens a
        # connection; each worker's pool opens on its first query.
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": name,
        # In-flight requests get this long to finish after SIGTERM.
        "graceful_timeout": 10,
        "when_ready": when_ready,
    }
