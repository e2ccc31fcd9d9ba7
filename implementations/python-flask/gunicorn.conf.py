"""gunicorn's settings, from the lab's environment (PORT, HOST, WEB_CONCURRENCY).

The environment is checked here, in the master, so that a server started without UPSTREAM_URL or
DATABASE_URL exits 1 with one line saying which variable to set, as the Node servers do.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from labflask.settings import ConfigError, read_settings

NAME = "python-flask"

try:
    _settings = read_settings()
except ConfigError as error:
    print(f"{NAME} failed to start: {error}", file=sys.stderr, flush=True)
    sys.exit(1)

wsgi_app = "labflask.wsgi:app"
bind = [f"{_settings.host}:{_settings.port}"]
# gthread, not sync: sync workers serve one request per connection and expect a buffering proxy
# (nginx) in front. Loaded directly by clients that keep their connections open (every load
# generator, every service mesh), two sync workers took ~0.5 s per request and reset hundreds of
# connections in the lab's first run; gthread is gunicorn's worker for keep-alive clients.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 8)
keepalive = 5
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
# Imported once in the master and forked: the workers share its pages. Nothing there opens a
# connection; each worker's pool opens on its first query.
preload_app = True
accesslog = None
errorlog = "-"
loglevel = "warning"
proc_name = NAME
# In-flight requests get this long to finish after SIGTERM.
graceful_timeout = 10


def when_ready(server):
    # The line the harness waits for, with the real port when PORT=0 let the kernel pick one.
    for listener in server.LISTENERS:
        port = listener.sock.getsockname()[1]
        print(f"{NAME} listening on http://{_settings.host}:{port}", flush=True)


def worker_exit(server, worker):
    from labflask.app import close_app
    from labflask.wsgi import app

    close_app(app)
