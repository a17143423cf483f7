#!/usr/bin/env bash
# Makes a real Docker engine usable on a Debian machine with no container registry:
#   - dockerd from Debian's docker.io, with BuildKit switched on (dockerd 20.10 needs it for
#     `RUN --mount`), started in the background when it is not running;
#   - the Compose v2 and buildx CLI plugins, taken from Debian trixie's packages;
#   - docker-compose v1 and podman(-compose), so engine detection is tested for real;
#   - django-admin (Debian's python3-django), which the e2e suite uses to make Django projects;
#   - offline stand-ins for the images a generated project pulls: python:3.11-slim (Debian's
#     python3 with Django, gunicorn and psycopg2 baked in, pip offline) and postgres.
# Idempotent: every step is skipped when it is already done. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log() { echo "[docker-django engine] $*" >&2; }
export DEBIAN_FRONTEND=noninteractive

mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=$(mirror)

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v podman >/dev/null || missing+=(podman)
  command -v podman-compose >/dev/null || missing+=(podman-compose)
  # django-admin on the host: the e2e suite makes its Django projects with Django's own startproject.
  command -v django-admin >/dev/null || missing+=(python3-django)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

enable_buildkit() {
  grep -q buildkit /etc/docker/daemon.json 2>/dev/null && return
  mkdir -p /etc/docker
  echo '{ "features": { "buildkit": true } }' >/etc/docker/daemon.json
  if [ -f /var/run/docker.pid ] && docker info >/dev/null 2>&1; then
    local pid; pid=$(cat /var/run/docker.pid)
    log "restarting dockerd ($pid) with BuildKit on"
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
}

start_dockerd() {
  # DOCKER_HOST may point elsewhere in the caller's shell; the engine we start is the default socket.
  if DOCKER_HOST= docker info >/dev/null 2>&1; then return; fi
  log "starting dockerd (log: /tmp/dockerd.log)"
  (setsid dockerd >/tmp/dockerd.log 2>&1 &)
  for _ in $(seq 60); do DOCKER_HOST= docker info >/dev/null 2>&1 && return; sleep 1; done
  tail -20 /tmp/dockerd.log >&2
  log "dockerd did not come up"; exit 1
}

install_cli_plugins() {
  if docker compose version >/dev/null 2>&1 && docker buildx version >/dev/null 2>&1; then return; fi
  log "adding the compose v2 and buildx CLI plugins from Debian trixie packages"
  local t; t=$(mktemp -d)
  mkdir -p "$t/lists/partial" "$t/dl" "$t/x"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" >"$t/sources.list"
  local a=(-o Dir::Etc::SourceList="$t/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$t/lists")
  apt-get "${a[@]}" update -qq
  (cd "$t/dl" && apt-get "${a[@]}" download docker-compose docker-buildx >/dev/null 2>&1)
  for f in "$t"/dl/*.deb; do dpkg -x "$f" "$t/x"; done
  mkdir -p /usr/local/lib/docker/cli-plugins
  cp "$t"/x/usr/libexec/docker/cli-plugins/docker-{compose,buildx} /usr/local/lib/docker/cli-plugins/
  rm -rf "$t"
}

# ---------------------------------------------------------------------------------------------
# Offline stand-ins for the official images (see docs/official-images.md for what each one
# reproduces and how it differs). Each image carries the label docker-django.standin=<revision>;
# an image whose label differs from the recipe's revision is rebuilt. The revision is a number
# bumped by hand when this script's recipe changes, plus a hash of the recipe's own files.
ENGINE_CACHE=${DOCKER_DJANGO_ENGINE_CACHE:-/var/cache/docker-django-engine}
# Development aid: build every stand-in under <tag><suffix> (e.g. -next) to try a recipe without
# replacing the images that running tests use.
TAG_SUFFIX=${STANDIN_TAG_SUFFIX:-}
PYTHON_STANDIN_REVISION=6
POSTGRES_STANDIN_REVISION=3
INDEX_DIR=/usr/share/docker-django-index

d() { DOCKER_HOST= docker "$@"; }
recipe_rev() { echo "$1-$(cat "$here/$2"/* | sha256sum | cut -c1-12)"; }
image_id() { d image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
# Remove the images a rebuild superseded (an image still tagged or used by a container stays).
drop_superseded() { local id; for id in "$@"; do [ -z "$id" ] || d rmi "$id" >/dev/null 2>&1 || true; done; }
image_rev() { d image inspect -f '{{index .Config.Labels "docker-django.standin"}}' "$1" 2>/dev/null || true; }

# A pristine debootstrap (minbase) root of SUITE with PACKAGES, extracted into DEST. The root is
# kept as a tarball in the engine cache (keyed by suite and package list), and the downloaded
# .debs too, so a rebuild of an image does not debootstrap again.
debian_root() {
  local suite=$1 packages=$2 dest=${3:-}
  local key; key=$(echo "$suite $packages" | sha256sum | cut -c1-12)
  local tarball="$ENGINE_CACHE/roots/$suite-$key.tar"
  # (one after the other: side by side was slower on a 2-CPU machine)
  mkdir -p "$ENGINE_CACHE/roots" "$ENGINE_CACHE/debs-$suite-$key"
  if [ ! -s "$tarball" ]; then
    local tmp; tmp=$(mktemp -d)
    log "debootstrap $suite: $packages (log: /tmp/debootstrap-$suite-$key.log)"
    debootstrap --variant=minbase --cache-dir="$ENGINE_CACHE/debs-$suite-$key" --include="$packages" \
      "$suite" "$tmp" "$MIRROR" >"/tmp/debootstrap-$suite-$key.log" 2>&1 ||
      { tail -20 "/tmp/debootstrap-$suite-$key.log" >&2; return 1; }
    rm -rf "$tmp"/var/cache/apt/archives/*.deb "$tmp"/var/lib/apt/lists/*
    tar -C "$tmp" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$tmp"
  fi
  [ -z "$dest" ] || { mkdir -p "$dest" && tar -C "$dest" -xf "$tarball"; }
}

# Run a command in a root with /proc, /dev and the host's DNS (apt inside it needs them).
in_root() {
  local root=$1; shift
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"; mount --bind /dev "$root/dev"
  local rc=0
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@" || rc=$?
  umount "$root/dev" "$root/proc"
  return $rc
}

import_root() {
  local root=$1 tag=$2; shift 2
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/tmp/* "$root"/root/.cache
  : >"$root/etc/resolv.conf"
  tar -C "$root" -c . | d import "$@" - "$tag" >/dev/null
}

# ---- python:<version>-slim ------------------------------------------------------------------
# suite:python version of each python stand-in (the official 3.11 image is Debian 13 based too;
# this one stays on Debian 12, whose Python is 3.11).
PYTHON_STANDINS="trixie:3.13 bookworm:3.11"
# Debian packages whose Python modules become py3-none-any wheels in the index (those missing
# from a suite are left out; the newest version of each wins in pip).
INDEX_PURE="python3-django python3-gunicorn python3-whitenoise python3-uvicorn python3-asgiref python3-sqlparse
  python3-packaging python3-h11 python3-click python3-typing-extensions python3-dj-database-url python3-django-environ
  python3-decouple python3-pytz python3-tz python3-psycopg python3-psycopg-pool python3-dotenv"
# Compiled: built per Python version, with their libraries bundled (Debian package:PyPI name).
INDEX_BINARY="python3-psycopg2:psycopg2-binary"
# Debian packages the pure ones link to (Django's admin JavaScript).
INDEX_EXTRA="libjs-jquery libjs-xregexp libjs-select2.js"

# Builds the wheels of one suite in a throwaway copy of the suite's root, into $2.
build_wheels() {
  local suite=$1 out=$2 pyver=$3 base_root=$4
  local b; b=$(mktemp -d)
  cp -a "$base_root/." "$b/"
  echo "deb-src $MIRROR $suite main" >>"$b/etc/apt/sources.list"
  printf 'Acquire::Retries "5";\nAPT::Sandbox::User "root";\n' >"$b/etc/apt/apt.conf.d/80standin"
  in_root "$b" apt-get update -qq
  local want=() p
  for p in $INDEX_PURE $INDEX_BINARY $INDEX_EXTRA; do
    in_root "$b" apt-cache show "${p%%:*}" >/dev/null 2>&1 && want+=("${p%%:*}")
  done
  log "building wheels for the index from $suite's ${want[*]}"
  in_root "$b" apt-get install -y -qq --no-install-recommends python3 patchelf python3-setuptools-whl python3-wheel-whl python3-pip-whl "${want[@]}" >"/tmp/index-$suite.log" 2>&1 ||
    { tail -20 "/tmp/index-$suite.log" >&2; exit 1; }
  local pure=() binary=()
  for p in $INDEX_PURE; do [[ " ${want[*]} " == *" $p "* ]] && pure+=("$p"); done
  for p in $INDEX_BINARY; do [[ " ${want[*]} " == *" ${p%%:*} "* ]] && binary+=("$p"); done
  cp "$here/python-standin/mkwheels.py" "$b/tmp/"
  in_root "$b" python3 /tmp/mkwheels.py /tmp/wheels --pure "${pure[@]}" --binary "${binary[@]}" >>"/tmp/index-$suite.log" 2>&1 ||
    { tail -20 "/tmp/index-$suite.log" >&2; exit 1; }
  cp "$b"/tmp/wheels/*.whl "$b"/usr/share/python-wheels/{pip,setuptools,wheel}-*.whl "$out/"
  # plain psycopg2: on PyPI an sdist only (for Linux); Debian's orig tarball is that sdist.
  if [ "$suite" = trixie ]; then
    in_root "$b" sh -c 'cd /tmp && apt-get source --download-only -qq psycopg2' >>"/tmp/index-$suite.log" 2>&1 || true
    local orig; orig=$(ls "$b"/tmp/psycopg2_*.orig.tar.gz 2>/dev/null | head -1)
    if [ -n "$orig" ]; then
      local v; v=$(basename "$orig" .orig.tar.gz); v=${v#psycopg2_}
      cp "$orig" "$out/psycopg2-$v.tar.gz"
    fi
  fi
  # Python headers (libpython3.X-dev), without the compiler and C library headers.
  in_root "$b" sh -c "cd /tmp && apt-get download -qq libpython$pyver-dev" >>"/tmp/index-$suite.log" 2>&1
  mkdir -p "$out.headers-$pyver" && dpkg -x "$b"/tmp/libpython"$pyver"-dev_*.deb "$out.headers-$pyver"
  rm -rf "$b"
}

# The index: pure wheels from both suites (the same file name once), psycopg2-binary for each
# Python, setuptools/wheel/pip (pip's build isolation and `pip install -U pip` need them).
build_index() {
  local out=$1 entry
  rm -rf "$out" "$out".headers-*; mkdir -p "$out"
  for entry in $PYTHON_STANDINS; do
    local suite=${entry%%:*} pyver=${entry##*:} root; root=$(mktemp -d)
    debian_root "$suite" "$(python_packages "$pyver")" "$root"
    local part; part=$(mktemp -d)
    build_wheels "$suite" "$part" "$pyver" "$root"
    local f; for f in "$part"/*; do [ -e "$out/${f##*/}" ] || cp "$f" "$out/"; done
    mv "$part.headers-$pyver" "$out.headers-$pyver"
    rm -rf "$part" "$root"
  done
}

# (3.11: its official image has setuptools and wheel installed too, see layout.sh.)
# Debian 12's python3.11-venv needs distutils, a separate package there (in 3.11's stdlib upstream).
python_packages() {
  local extra=; [ "$1" = 3.11 ] && extra=,python3-distutils,python3-lib2to3,python3-wheel-whl
  echo "python$1,python$1-venv,ca-certificates,netbase,tzdata$extra"
}

python_standin() {
  local suite=$1 pyver=$2 index=$3 rev=$4 tag="python:$2-slim$TAG_SUFFIX"
  local root; root=$(mktemp -d)
  log "building $tag (Debian $suite, Python $pyver)"
  debian_root "$suite" "$(python_packages "$pyver")" "$root"
  # adduser is not in the official slim images (Debian 13's base has none); a dependency may pull
  # it into a minbase root, so it is purged whatever depends on it.
  if chroot "$root" dpkg -s adduser >/dev/null 2>&1; then
    chroot "$root" dpkg --purge --force-depends adduser >/dev/null
  fi
  # Nor Debian's /usr/bin/python3 (python3-distutils pulls it in on Debian 12): python3 is /usr/local/bin's.
  chroot "$root" dpkg --purge --force-depends python3 python3-minimal >/dev/null 2>&1 || true
  cp "$here/python-standin/layout.sh" "$root/tmp/"
  in_root "$root" sh /tmp/layout.sh "$pyver" >"/tmp/python-standin-$pyver.log" 2>&1 ||
    { tail -20 "/tmp/python-standin-$pyver.log" >&2; exit 1; }
  # Headers where the official image has them; pyconfig.h is Debian's per-architecture one.
  local h="$index.headers-$pyver"
  mkdir -p "$root/usr/local/include/python$pyver"
  cp -a "$h/usr/include/python$pyver/." "$root/usr/local/include/python$pyver/"
  cp "$h"/usr/include/*-linux-gnu/python"$pyver"/pyconfig.h "$root/usr/local/include/python$pyver/pyconfig.h"
  mkdir -p "$root$INDEX_DIR" && cp "$index"/* "$root$INDEX_DIR/"
  # Only what the official slim image has.
  local bad; bad=$(chroot "$root" sh -c 'for c in adduser addgroup curl wget gcc cc git pg_config; do command -v $c; done; ls /usr/lib/*/libpq.so* 2>/dev/null' || true)
  [ -z "$bad" ] || { log "$tag: unexpected in the root: $bad"; exit 1; }
  chroot "$root" sh -c 'command -v useradd && command -v groupadd' >/dev/null || { log "$tag: useradd/groupadd missing"; exit 1; }
  local old; old=$(image_id "$tag")
  local full; full=$(chroot "$root" /usr/local/bin/python3 -c 'import platform; print(platform.python_version())')
  # The official images set LANG=C.UTF-8 up to 3.12 and no LANG from 3.13 on.
  local lang=(); case $pyver in 3.[0-9]|3.1[0-2]) lang=(-c 'ENV LANG=C.UTF-8') ;; esac
  import_root "$root" "$tag" "${lang[@]}" \
    -c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "ENV PYTHON_VERSION=$full" \
    -c "ENV PIP_FIND_LINKS=$INDEX_DIR" -c 'ENV PIP_NO_INDEX=1' \
    -c 'CMD ["python3"]' -c "LABEL docker-django.standin=$rev"
  drop_superseded "$old"
  rm -rf "$root"
}

python_standins() {
  local rev; rev=$(recipe_rev "$PYTHON_STANDIN_REVISION" python-standin)
  local entry stale=()
  for entry in $PYTHON_STANDINS; do
    [ "$(image_rev "python:${entry##*:}-slim$TAG_SUFFIX")" = "$rev" ] || stale+=("$entry")
  done
  [ ${#stale[@]} -eq 0 ] && return
  local index="$ENGINE_CACHE/index-$rev"
  if [ ! -s "$index/.complete" ]; then
    rm -rf "$ENGINE_CACHE"/index-*
    build_index "$index"
    ls "$index" >"$index/.complete"
  fi
  for entry in "${stale[@]}"; do python_standin "${entry%%:*}" "${entry##*:}" "$index" "$rev"; done
}

# ---- postgres -------------------------------------------------------------------------------
# Debian 13's PostgreSQL 17 under every tag; the entrypoint reproduces the official one's
# behaviour, with the 18+ layout for 18 and latest and the older layout for the rest.
POSTGRES_LAYOUT_18="18 latest"
POSTGRES_LAYOUT_OLD="17"
# Older majors the generator accepts: the same image (PG_MAJOR=17) under their tags.
POSTGRES_OLD_ALIASES="16 15 14 13"

POSTGRES_PACKAGES=postgresql-17,postgresql-common,locales,gosu,libnss-wrapper,xz-utils,zstd,less,ca-certificates

postgres_stale() {
  local rev t; rev=$(recipe_rev "$POSTGRES_STANDIN_REVISION" postgres-standin)
  for t in $POSTGRES_LAYOUT_18 $POSTGRES_LAYOUT_OLD $POSTGRES_OLD_ALIASES; do
    [ "$(image_rev "postgres:$t$TAG_SUFFIX")" = "$rev" ] || return 0
  done
  return 1
}

postgres_standins() {
  local rev t; rev=$(recipe_rev "$POSTGRES_STANDIN_REVISION" postgres-standin)
  postgres_stale || return 0
  local old=(); for t in $POSTGRES_LAYOUT_18 $POSTGRES_LAYOUT_OLD $POSTGRES_OLD_ALIASES; do old+=("$(image_id "postgres:$t$TAG_SUFFIX")"); done
  # The stand-in of revision 1 (Debian 12's PostgreSQL 15) built from this base.
  if [ -z "$TAG_SUFFIX" ] && d image inspect pgbase:15 >/dev/null 2>&1; then d rmi pgbase:15 >/dev/null 2>&1 || true; fi
  local base="docker-django/postgres-base:$rev$TAG_SUFFIX"
  if ! d image inspect "$base" >/dev/null 2>&1; then
    local root; root=$(mktemp -d)
    log "building the postgres stand-ins (Debian trixie, PostgreSQL 17)"
    debian_root trixie "$POSTGRES_PACKAGES" "$root"
    import_root "$root" "$base"
    rm -rf "$root"
  fi
  for t in $POSTGRES_LAYOUT_18; do
    d build -q --target layout-18 --build-arg BASE="$base" --build-arg PG_MAJOR=18 --label "docker-django.standin=$rev" \
      -t "postgres:$t$TAG_SUFFIX" "$here/postgres-standin" >/dev/null
  done
  for t in $POSTGRES_LAYOUT_OLD; do
    d build -q --target layout-old --build-arg BASE="$base" --build-arg PG_MAJOR="$t" --label "docker-django.standin=$rev" \
      -t "postgres:$t$TAG_SUFFIX" "$here/postgres-standin" >/dev/null
  done
  for t in $POSTGRES_OLD_ALIASES; do d tag "postgres:17$TAG_SUFFIX" "postgres:$t$TAG_SUFFIX"; done
  drop_superseded "${old[@]}"
  # Older revisions' base images are no longer needed.
  [ -n "$TAG_SUFFIX" ] || d image ls --format '{{.Repository}}:{{.Tag}}' docker-django/postgres-base |
    grep -v ":$rev\$" | xargs -r env DOCKER_HOST= docker rmi >/dev/null 2>&1 || true
}

install_packages
enable_buildkit
start_dockerd
install_cli_plugins
python_standins
postgres_standins
log "ready: $(docker compose version) / buildx $(docker buildx version | cut -d' ' -f2) / docker-compose $(docker-compose version --short 2>/dev/null) / $(podman --version)"
