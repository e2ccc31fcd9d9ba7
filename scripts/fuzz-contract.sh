#!/usr/bin/env bash
# Fuzzes the implementations against implementations/contract/openapi.yaml with schemathesis
# (scripts/fuzz-contract.ts says how). Installs schemathesis first, from the committed lock with
# hashes (scripts/fuzz-contract/requirements.lock, made by `uv pip compile --generate-hashes`),
# into a venv under node_modules/.cache/schemathesis; cheap when the lock has not changed.
#   bash scripts/fuzz-contract.sh                  every implementation of implementations/*/lab.json, variants included
#   bash scripts/fuzz-contract.sh express-deno     those named only (a variant by its own name)
# Built implementations are expected (`pnpm build`). FUZZ_MAX_EXAMPLES (50 per operation) and
# FUZZ_MAX_SECONDS (170 per implementation) bound the run; a lab.json variant gets
# FUZZ_VARIANT_MAX_EXAMPLES (15) in the random phase, since its folder's implementation had 50.
set -euo pipefail
cd "$(dirname "$0")/.."
uv_version=0.9.5
cache=node_modules/.cache/schemathesis
lock=scripts/fuzz-contract/requirements.lock
stamp="$cache/venv/.lock-sha256"
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  if [ ! -x "$cache/uv/bin/uv" ] || [ "$("$cache/uv/bin/uv" --version | cut -d' ' -f2)" != "$uv_version" ]; then
    rm -rf "$cache/uv"
    python3 -m venv "$cache/uv"
    "$cache/uv/bin/pip" install --quiet --disable-pip-version-check "uv==$uv_version"
  fi
  rm -rf "$cache/venv"
  "$cache/uv/bin/uv" venv --quiet --python python3 "$cache/venv"
  VIRTUAL_ENV="$cache/venv" "$cache/uv/bin/uv" pip sync --quiet --require-hashes "$lock"
  echo "$want" > "$stamp"
fi
export SCHEMATHESIS="$PWD/$cache/venv/bin/schemathesis"
exec node --import tsx scripts/fuzz-contract.ts "$@"
