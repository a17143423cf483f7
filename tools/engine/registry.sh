#!/usr/bin/env bash
# A real container registry on this machine for the registry tests and benchmarks: Debian's
# docker-registry package (the CNCF distribution registry), run with a config of our own on
# 127.0.0.1:5000. Docker allows plain HTTP to 127.0.0.0/8 without an insecure-registries entry.
#   registry.sh [start]  install if missing, start unless it already answers (idempotent)
#   registry.sh stop     stop the instance this script started
#   registry.sh reset    stop, delete every stored image, start empty
#   registry.sh status   exit 0 when GET /v2/ answers
# Deletion is enabled so a test run can remove what it pushed. Needs root to install.
set -euo pipefail
log() { echo "[docker-django registry] $*" >&2; }

PORT=${DOCKER_DJANGO_REGISTRY_PORT:-5000}
STATE=${DOCKER_DJANGO_REGISTRY_STATE:-/var/lib/docker-django-registry}
CONFIG=$STATE/config.yml
STORAGE=$STATE/storage
PIDFILE=$STATE/registry.pid
LOGFILE=${DOCKER_DJANGO_REGISTRY_LOG:-/tmp/docker-django-registry.log}
URL="http://127.0.0.1:$PORT/v2/"

answers() { curl -fsS -o /dev/null --max-time 2 "$URL" 2>/dev/null; }

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid; pid=$(cat "$PIDFILE")
  kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = docker-registry ] && echo "$pid"
}

install_registry() {
  command -v docker-registry >/dev/null && return
  log "installing Debian's docker-registry"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
  # Without a policy-rc.d that forbids it, the package starts its own service on :5000 with
  # its default config (htpasswd auth); ours replaces it.
  if [ -x /etc/init.d/docker-registry ] && [ -f /var/run/docker-registry.pid ]; then
    /etc/init.d/docker-registry stop >/dev/null 2>&1 || true
    update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
}

write_config() {
  mkdir -p "$STORAGE"
  cat >"$CONFIG.tmp" <<EOF
# Written by tools/engine/registry.sh; rewritten on every start.
version: 0.1
log:
  level: info
  fields:
    service: docker-django-registry
storage:
  filesystem:
    rootdirectory: $STORAGE
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  mv "$CONFIG.tmp" "$CONFIG"
}

start() {
  if running_pid >/dev/null && answers; then return; fi
  if answers; then
    log "something else already answers on $URL; not starting a second registry"
    return
  fi
  install_registry
  write_config
  log "starting docker-registry on 127.0.0.1:$PORT (storage $STORAGE, log $LOGFILE)"
  setsid docker-registry serve "$CONFIG" >>"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 50); do
    answers && { log "ready: $URL"; return; }
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || break
    sleep 0.2
  done
  tail -20 "$LOGFILE" >&2
  log "docker-registry did not answer on $URL"
  exit 1
}

stop() {
  local pid
  pid=$(running_pid) || return 0
  log "stopping docker-registry ($pid)"
  kill "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$PIDFILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  reset) stop; rm -rf "$STORAGE"; start ;;
  status) answers ;;
  *) echo "usage: $0 [start|stop|reset|status]" >&2; exit 2 ;;
esac
