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

# debootstrap a minimal Debian root with the given packages and import it as an image.
import_rootfs() {
  local tag=$1 packages=$2; shift 2
  local root; root=$(mktemp -d)
  log "building $tag with debootstrap (log: /tmp/debootstrap-${tag//[:\/]/-}.log)"
  debootstrap --variant=minbase --include="$packages" bookworm "$root" "$MIRROR" \
    >"/tmp/debootstrap-${tag//[:\/]/-}.log" 2>&1
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  [ -z "${ROOTFS_HOOK:-}" ] || "$ROOTFS_HOOK" "$root"
  tar -C "$root" -c . | DOCKER_HOST= docker import "$@" - "$tag" >/dev/null
  rm -rf "$root"
}

# Bump when the stand-in's package list changes, so an older image on this machine is rebuilt.
PYTHON_STANDIN_REVISION=4

# The official image's Python lives in /usr/local, so `pip install --prefix=/install` there
# fills /install/lib/python3.X/site-packages and `COPY --from=builder /install /usr/local`
# lands on sys.path. Debian's pip puts a prefix install under <prefix>/local/... instead;
# this makes the stand-in treat that folder as a site directory (its own .pth files, such as
# editable installs' finders, are processed too), and PATH below finds its scripts.
python_standin_layout() {
  echo "import site; site.addsitedir('/usr/local/local/lib/python3.11/dist-packages')" \
    >"$1/usr/lib/python3/dist-packages/zz-docker-django-prefix.pth"
}

python_standin() {
  local tag=python:3.11-slim
  [ "$(DOCKER_HOST= docker image inspect -f '{{index .Config.Labels "docker-django.standin"}}' "$tag" 2>/dev/null)" = "$PYTHON_STANDIN_REVISION" ] && return
  # libjs-jquery: Django's admin links its jQuery there (a Debian Recommends that minbase skips),
  # and collectstatic fails on the dangling link without it.
  ROOTFS_HOOK=python_standin_layout import_rootfs "$tag" \
    python3,python3-pip,python3-venv,python3-django,python3-psycopg2,python3-setuptools-whl,python3-wheel-whl,gunicorn,libjs-jquery,adduser,python-is-python3,ca-certificates \
    -c 'ENV PIP_BREAK_SYSTEM_PACKAGES=1' -c 'ENV PIP_NO_INDEX=1' -c 'ENV PIP_FIND_LINKS=/usr/share/python-wheels' \
    -c 'ENV LANG=C.UTF-8' -c 'ENV PATH=/usr/local/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["python3"]' -c "LABEL docker-django.standin=$PYTHON_STANDIN_REVISION"
}

postgres_standin() {
  DOCKER_HOST= docker image inspect postgres:latest >/dev/null 2>&1 && return
  DOCKER_HOST= docker image inspect pgbase:15 >/dev/null 2>&1 ||
    import_rootfs pgbase:15 postgresql-15,ca-certificates \
      -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  DOCKER_HOST= docker build -q -t postgres:latest -t postgres:15 "$here/postgres-standin" >/dev/null
}

install_packages
enable_buildkit
start_dockerd
install_cli_plugins
python_standin
postgres_standin
log "ready: $(docker compose version) / buildx $(docker buildx version | cut -d' ' -f2) / docker-compose $(docker-compose version --short 2>/dev/null) / $(podman --version)"
