#!/usr/bin/env bash
# corpus fixture: what the upstream entrypoint runs
python manage.py migrate && \
  python manage.py collectstatic --noinput && \
  python manage.py compress --force && \
exec gunicorn djangoblog.wsgi:application --bind 0.0.0.0:8000 --worker-class gevent
