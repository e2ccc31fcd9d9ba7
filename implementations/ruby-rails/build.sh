#!/usr/bin/env bash
# Nothing to compile: checks that the Debian gems satisfy the committed Gemfile.lock (no RubyGems
# download: --local). Cheap when nothing changed: the stamp is the lock's hash.
set -euo pipefail
cd "$(dirname "$0")"
hash=$(cat Gemfile Gemfile.lock | sha256sum | cut -d' ' -f1)
if [[ -f .build-stamp && "$(cat .build-stamp)" == "$hash" ]]; then exit 0; fi
BUNDLE_FROZEN=true bundle install --local --quiet
echo "$hash" > .build-stamp
