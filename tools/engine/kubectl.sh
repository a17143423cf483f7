#!/usr/bin/env bash
# A kubectl with `kustomize` for the Kubernetes manifest tests, which render the generated
# kustomize layout offline (no cluster). Keeps any kubectl that renders already; otherwise
# installs Debian's kubernetes-client. Idempotent. Needs root to install.
set -euo pipefail
log() { echo "[docker-django kubectl] $*" >&2; }

if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  log "using $(command -v kubectl): $(kubectl version --client 2>/dev/null | head -1)"
  exit 0
fi
log "installing Debian's kubernetes-client"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
kubectl kustomize --help >/dev/null
log "installed: $(kubectl version --client 2>/dev/null | head -1)"
