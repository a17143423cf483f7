#!/usr/bin/env bash
# Everything the tests need, then every test: the Docker engine and stand-in images
# (tools/engine/setup.sh, needs root), the local registry (tools/engine/registry.sh),
# kubectl (tools/engine/kubectl.sh), lint and
# format checks, the plugin build, unit tests, the e2e suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash tools/engine/setup.sh
# The local registry the registry e2e spec and benchmark push to (127.0.0.1:5000).
bash tools/engine/registry.sh
# kubectl for rendering the Kubernetes manifests offline in the unit tests.
bash tools/engine/kubectl.sh
npm run lint
npm run format:check
npm run build
npm test
npm run e2e
