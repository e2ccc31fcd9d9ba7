#!/usr/bin/env bash
# Makes .venv from the committed uv.lock, as every WSGI implementation does (../python-wsgi-common/build-venv.sh).
set -euo pipefail
cd "$(dirname "$0")"
exec ../python-wsgi-common/build-venv.sh
