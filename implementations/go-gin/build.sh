#!/usr/bin/env bash
# Builds bin/server, only when a Go source, go.mod/go.sum (here or in ../go-common) changed since
# the last build: the stamp is a hash of all of them.
set -euo pipefail
cd "$(dirname "$0")"
stamp=$(cat go.mod go.sum ../go-common/go.mod ../go-common/go.sum $(find cmd ../go-common -name '*.go' | sort) | sha256sum | cut -d' ' -f1)
if [ -x bin/server ] && [ -f bin/.stamp ] && [ "$(cat bin/.stamp)" = "$stamp" ]; then
  exit 0
fi
mkdir -p bin
go build -trimpath -o bin/server ./cmd/server
echo "$stamp" > bin/.stamp
