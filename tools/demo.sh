#!/usr/bin/env bash
# The main job, end to end, on a fresh machine (as root): sets up the Docker engine, builds and
# packs the plugin, creates a real Nx workspace with a Django app made by django-admin, runs
# `nx g docker-django:init` (with PostgreSQL), starts the stack with `nx run myapp:compose-up`
# and asks the app for a page. The stack stays up; the last lines say how to stop it.
#   DEMO_DIR   where the workspace goes (default: tmp/demo in this repo)
#   DEMO_PORT  host port of the app (default: 8000)
#   NX_VERSION Nx of the demo workspace (default: 22.7.8; 23.2.1 works too)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
demo=${DEMO_DIR:-$repo/tmp/demo}
port=${DEMO_PORT:-8000}
nx_version=${NX_VERSION:-22.7.8}
say() { printf '\n\033[1m[demo] %s\033[0m\n' "$*"; }
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

cd "$repo"
[ -d node_modules ] || { say "installing the repo's packages"; npm ci --no-audit --no-fund; }
say "setting up the Docker engine (tools/engine/setup.sh)"
bash tools/engine/setup.sh
say "building and packing the plugin"
npm run build --silent >/dev/null
mkdir -p tmp
tarball="$repo/tmp/$(npm pack dist/packages/docker-django --pack-destination tmp --silent | tail -1)"

if [ -d "$demo/apps/myapp" ]; then
  say "removing the previous demo in $demo (its containers and its database volume)"
  # The volume goes too: the new workspace gets a new random database password, which a
  # volume initialised with the old one would refuse.
  # Under the compose project the previous init recorded (x-docker-django.composeProject).
  previous=$(sed -n 's/^  composeProject: *//p' "$demo/apps/myapp/compose.yaml" 2>/dev/null | head -1)
  (cd "$demo/apps/myapp" && docker compose -p "${previous:-myapp}" down --volumes --remove-orphans >/dev/null 2>&1 || true)
fi
rm -rf "$demo"
mkdir -p "$(dirname "$demo")"
say "creating an Nx $nx_version workspace in $demo"
extra=()
[ "${nx_version%%.*}" -ge 23 ] && extra+=(--aiAgents=none)
(cd "$(dirname "$demo")" && npx --yes "create-nx-workspace@$nx_version" "$(basename "$demo")" \
  --preset=apps --nxCloud=skip --pm=npm --interactive=false --skipGit --analytics=false "${extra[@]}" >/dev/null)
cd "$demo"
npm install --no-audit --no-fund -D "$tarball" >/dev/null

say "adding a Django project made by django-admin startproject (apps/myapp)"
mkdir -p apps/myapp
django-admin startproject mysite apps/myapp
printf '{\n  "name": "myapp",\n  "root": "apps/myapp",\n  "projectType": "application"\n}\n' >apps/myapp/project.json
# Installed by pip in the image build, from PyPI, or here from the offline index of the
# stand-in python:3.13-slim (docs/official-images.md).
printf 'Django>=4.2,<5\npsycopg2-binary\n' >apps/myapp/requirements.txt
echo 3.13 >apps/myapp/.python-version

say "nx g docker-django:init --project myapp --database postgres --hostPort $port"
npx nx g docker-django:init --project myapp --database postgres --hostPort "$port" --no-interactive
say "nx run myapp:compose-up"
npx nx run myapp:compose-up

url="http://localhost:$port/admin/login/"
say "GET $url"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
curl -sI "$url" | grep -i '^server:' || true
[ "$code" = 200 ] || { echo "expected 200, got $code"; exit 1; }
say "the app answers $code at $url"
echo "Stop it with: cd $demo && npx nx run myapp:compose-down"
