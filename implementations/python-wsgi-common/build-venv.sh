#!/usr/bin/env bash
# Makes the .venv of the WSGI implementation in the current folder (python-django, python-flask)
# from its committed uv.lock (hashes checked), once: again only when uv.lock or pyproject.toml
# (its own, python-wsgi-common's or python-lab-common's) changes (a stamp keyed on their hash). Installs uv itself if
# it is missing. Each implementation's build.sh runs it from its own folder.
set -euo pipefail
common="$(cd "$(dirname "$0")" && pwd)"

UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1

stamp=.venv/.lab-build-stamp
want="$(cat uv.lock pyproject.toml "$common/pyproject.toml" "$common/../python-lab-common/pyproject.toml" | sha256sum | cut -d' ' -f1) uv-${UV_VERSION}"
if [[ -x .venv/bin/gunicorn && -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

uv=uv
if ! command -v uv >/dev/null 2>&1 || [[ "$(uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]]; then
  tool="${XDG_CACHE_HOME:-$HOME/.cache}/lab-uv-$UV_VERSION"
  if [[ ! -x $tool/bin/uv ]]; then
    python3 -m venv "$tool"
    "$tool/bin/pip" install --quiet --disable-pip-version-check "uv==$UV_VERSION"
  fi
  uv="$tool/bin/uv"
fi

"$uv" sync --frozen --no-dev
echo "$want" >"$stamp"
