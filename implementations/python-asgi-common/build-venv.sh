#!/bin/sh
# Builds the .venv of the ASGI implementation in the current folder (python-fastapi,
# python-fastapi-strict) from its committed lock (uv sync --frozen --no-dev), once, and again only
# when uv.lock, pyproject.toml (its own, python-asgi-common's or python-lab-common's) or the pinned
# uv change. Each implementation's build.sh runs it from its own folder.
set -eu
common="$(cd "$(dirname "$0")" && pwd)"
UV_VERSION=0.13.9
stamp=.venv/.lab-build-stamp
want="uv-$UV_VERSION $(cat uv.lock pyproject.toml "$common/pyproject.toml" "$common/../python-lab-common/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
if [ "$(python3 -m uv --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
# The machine's python3, never a downloaded one.
UV_PYTHON_DOWNLOADS=never python3 -m uv sync --frozen --no-dev --python python3
echo "$want" > "$stamp"
