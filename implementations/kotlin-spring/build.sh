#!/usr/bin/env bash
# Builds target/app.jar with the installed Maven (no wrapper: it would download Maven itself).
# Cheap when nothing changed: the stamp is the hash of the pom and the sources.
set -euo pipefail
cd "$(dirname "$0")"
hash=$(cat pom.xml $(find src -type f | sort) | sha256sum | cut -d' ' -f1)
if [[ -f target/app.jar && -f target/.build-stamp && "$(cat target/.build-stamp)" == "$hash" ]]; then
  exit 0
fi
mvn -q -B -DskipTests package
echo "$hash" > target/.build-stamp
