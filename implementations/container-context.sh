#!/usr/bin/env bash
# Makes the Docker build context of one implementation: its compiled code and production
# dependencies (`pnpm deploy`, offline from the store), plus the shared Dockerfile.
#   implementations/container-context.sh @lab/express node_modules/.vitest-load/containers/express
set -euo pipefail
package=$1
out=$2
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$(dirname "$out")"
pnpm --silent --filter "$package" deploy --prod --offline "$out" >/dev/null
cp implementations/Dockerfile "$out/Dockerfile"
