#!/usr/bin/env bash
set -Eeuo pipefail
pnpm install
pnpm run build
poetry install --without dev --no-root --no-interaction
poetry run backend/manage.py collectstatic --noinput
