#!/bin/bash
# corpus fixture: what the entrypoint runs for "gunicorn"
/venv/bin/python3 /site/manage.py migrate
SECRET_KEY="X" /venv/bin/python3 /site/manage.py collectstatic --noinput --settings=toolkit.settings
exec /venv/bin/gunicorn wsgi --bind 0.0.0.0:8000 --chdir /site
