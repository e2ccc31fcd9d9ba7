#!/bin/sh
# Builds .venv from the committed uv.lock, as every ASGI implementation does (../python-asgi-common/build-venv.sh). Run from anywhere.
set -eu
cd "$(dirname "$0")"
exec ../python-asgi-common/build-venv.sh
