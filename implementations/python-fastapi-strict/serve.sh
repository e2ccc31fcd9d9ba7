#!/bin/sh
# How production starts python-fastapi-strict: uvicorn's command line (through labasgi.serve of
# python-asgi-common, for exit 0 on SIGTERM) on uvloop and httptools, no reload, no access log;
# one worker unless WEB_CONCURRENCY (which uvicorn reads) or --workers says otherwise.
set -eu
cd "$(dirname "$0")"
if [ -z "${PORT:-}" ]; then
  echo "python-fastapi-strict failed to start: PORT is not set: start the server with PORT=<port> (0 picks a free one)" >&2
  exit 1
fi
exec .venv/bin/python -m labasgi.serve app.main:app --no-access-log --loop uvloop --http httptools \
  --host "${HOST:-127.0.0.1}" --port "$PORT" --log-config app/adapters/web/logging.json --timeout-graceful-shutdown 30 "$@"
